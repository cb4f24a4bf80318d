package com.mustbeviral.contracts;

/**
 * CloudEvents 1.0 conventions of the fleet. Events travel in binary mode: attributes in
 * {@code ce_*} Kafka headers, the JSON payload as the record value.
 */
public final class CloudEventAttributes {
    /** Prefix of every {@code source} attribute; the service name follows. */
    public static final String SOURCE_PREFIX = "urn:mustbeviral:";
    public static final String DATA_CONTENT_TYPE = "application/json";

    private CloudEventAttributes() {
    }
}
