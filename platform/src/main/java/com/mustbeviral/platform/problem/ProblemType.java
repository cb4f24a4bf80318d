package com.mustbeviral.platform.problem;

import java.net.URI;

/**
 * One kind of RFC 9457 problem: its {@code type} URI, HTTP status and title. Each service lists its
 * own in one catalogue (a {@link ProblemCatalogue}); the fleet-wide ones are here.
 */
public record ProblemType(URI type, int status, String title) {

    /** Where the fleet's problem types are documented. */
    public static final String BASE = "https://mustbeviral.com/problems/";

    /** The type of a plain HTTP status, with no more meaning than the status itself (RFC 9457 §4.2.1). */
    public static ProblemType plain(int status, String title) {
        return new ProblemType(URI.create("about:blank"), status, title);
    }

    /** A type of the fleet's own, {@code https://mustbeviral.com/problems/<name>}. */
    public static ProblemType named(String name, int status, String title) {
        return new ProblemType(URI.create(BASE + name), status, title);
    }

    public static final ProblemType UNAUTHORIZED = plain(401, "Unauthorized");
    public static final ProblemType FORBIDDEN = plain(403, "Forbidden");
    public static final ProblemType CONTENT_TOO_LARGE = plain(413, "Content Too Large");
}
