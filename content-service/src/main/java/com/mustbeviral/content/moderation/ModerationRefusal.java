package com.mustbeviral.content.moderation;

/** Why the moderation provider gave no scores; the ethics check decides what that means for the content. */
public enum ModerationRefusal {
    /** No answer in time, no connection, or an answer without scores: 503. */
    PROVIDER_UNAVAILABLE
}
