package com.mustbeviral.content.search;

/**
 * Who may find what: published public pieces to anyone; a signed-in author also their own
 * pieces in any status; nothing deleted. {@code viewerId} is null for an anonymous reader.
 */
public record Visibility(String viewerId) {

    public static final Visibility ANONYMOUS = new Visibility(null);

    static final String PUBLIC = "c.status = 'published' AND c.visibility = 'public' AND c.deleted_at IS NULL";

    /** The SQL condition on {@code c} (binds {@link #viewerId()} once when signed in). */
    String condition() {
        return viewerId == null ? "(" + PUBLIC + ")"
                : "((" + PUBLIC + ") OR (c.author_id = ? AND c.deleted_at IS NULL))";
    }
}
