package com.mustbeviral.analytics.service;

/**
 * Who reads a dashboard: the token's user (for a partner, the user it acts for; null when it acts for
 * none), whether they are an admin, and for a partner whether it was granted {@code analytics:read}.
 */
public record Caller(String userId, boolean admin, boolean partner, boolean analyticsScope) {

    /** Whether the caller may read the numbers of {@code authorId}'s content. */
    public boolean mayRead(String authorId) {
        if (partner && !analyticsScope) {
            return false;
        }
        return (admin && !partner) || (userId != null && userId.equals(authorId));
    }
}
