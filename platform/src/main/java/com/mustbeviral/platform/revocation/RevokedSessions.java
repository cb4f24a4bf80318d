package com.mustbeviral.platform.revocation;

/**
 * Which sessions' access tokens must be refused before they expire. Services that verify tokens
 * use the {@code revoked_sessions} table fed by {@code session.revoked}; auth-service, which owns
 * the sessions, answers from them.
 */
public interface RevokedSessions {

    /** Whether the tokens of {@code sessionId} must be refused now. */
    boolean isRevoked(String sessionId);

    /** Whether {@link #isRevoked} may block (reads storage): the check then asks it on a worker thread. */
    default boolean blocks() {
        return true;
    }
}
