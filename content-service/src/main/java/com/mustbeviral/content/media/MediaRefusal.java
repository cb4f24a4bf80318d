package com.mustbeviral.content.media;

/** Why an upload or a media request is refused (problem types in rest/ContentProblems). */
public enum MediaRefusal {
    /** The bytes are none of the accepted types, or not what the declared type says. */
    UNSUPPORTED_MEDIA,
    /** Larger than the caller's plan allows. */
    TOO_LARGE,
    /** No such media, or another user's (never told apart). */
    NOT_FOUND,
    /** A Range header that cannot be served. */
    BAD_RANGE
}
