package com.mustbeviral.contracts;

/** Kafka topic names of the fleet; the Kafka key of every record is the aggregate id. */
public final class Topics {
    public static final String AUTH_USERS = "auth.users";
    public static final String AUTH_SESSIONS = "auth.sessions";
    public static final String CONTENT_EVENTS = "content.events";
    public static final String ANALYTICS_RAW = "analytics.raw";
    public static final String ANALYTICS_ENGAGEMENT = "analytics.engagement";
    public static final String BILLING_USAGE = "billing.usage";
    public static final String BILLING_EVENTS = "billing.events";
    public static final String PRIVACY_REQUESTS = "privacy.requests";
    public static final String PRIVACY_PARTS = "privacy.parts";

    private Topics() {
    }
}
