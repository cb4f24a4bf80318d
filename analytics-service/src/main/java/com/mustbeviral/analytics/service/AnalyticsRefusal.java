package com.mustbeviral.analytics.service;

/** Why analytics refuses what a caller asked (the REST layer's {@code AnalyticsProblems} says how it answers). */
public enum AnalyticsRefusal {
    /** One event of a batch lacks a field, or a field is not what it should be (a UUID, a time, an object). */
    INVALID_EVENT,
    /** One event of a batch has a type analytics does not count. */
    UNKNOWN_EVENT_TYPE,
    /** One event of a batch is about content that content.events never said is published (or that was archived). */
    UNKNOWN_CONTENT,
    /** One event of a batch dated further ahead than the allowed clock skew. */
    EVENT_FROM_THE_FUTURE,
    /** One event of a batch older than analytics accepts. */
    EVENT_TOO_OLD,
    /** Kafka did not take the accepted events in time: the client sends the batch again (it is counted once). */
    INGESTION_UNAVAILABLE,
    /** A dashboard asked about content analytics does not track. */
    CONTENT_NOT_FOUND,
    /** A dashboard asked about someone else's content. */
    NOT_YOUR_CONTENT,
    /** A dashboard's range or granularity cannot be answered. */
    INVALID_RANGE
}
