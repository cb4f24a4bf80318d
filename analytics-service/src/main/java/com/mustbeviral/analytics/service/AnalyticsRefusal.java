package com.mustbeviral.analytics.service;

/** Why analytics refuses what a caller asked (the REST layer's {@code AnalyticsProblems} says how it answers). */
public enum AnalyticsRefusal {
    /** An event dated further ahead than the allowed clock skew. */
    EVENT_FROM_THE_FUTURE
}
