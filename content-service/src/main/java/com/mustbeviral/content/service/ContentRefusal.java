package com.mustbeviral.content.service;

/** Why content-service refuses what a caller asked (the REST layer's {@code ContentProblems} says how it answers). */
public enum ContentRefusal {
    /** No such content, or content the caller may not see (never told apart: existence is not revealed). */
    NOT_FOUND,
    /** A write without {@code If-Match}. */
    VERSION_REQUIRED,
    /** {@code If-Match} names another version than the current one. */
    STALE_VERSION,
    /** The status machine does not allow this transition. */
    ILLEGAL_TRANSITION,
    /** Rejected by a moderator: edit it (and pass the check) before publishing. */
    REJECTED_CONTENT,
    /** A schedule at or before now. */
    SCHEDULE_IN_THE_PAST,
    /** The author already has content with this slug. */
    SLUG_TAKEN,
    /** The ethics check failed the text; nothing was saved. */
    ETHICS_FAILED,
    /** The request is well-formed JSON but not valid content (e.g. a merge patch that breaks a rule). */
    INVALID_CONTENT,
    /** A partner token that acts for no user cannot own or change content. */
    NO_USER,
    /** The caller may not do this to content that is not theirs. */
    NOT_ALLOWED,
    /** No such revision of this content. */
    REVISION_NOT_FOUND,
    /** A moderation decision on content that is not waiting for one. */
    NOT_IN_REVIEW,
    /** A pagination cursor this service did not give. */
    BAD_CURSOR
}
