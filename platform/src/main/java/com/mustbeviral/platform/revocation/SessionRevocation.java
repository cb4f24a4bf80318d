package com.mustbeviral.platform.revocation;

import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.UndecodableEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@code session.revoked} event means to a token verifier: refuse the access tokens of
 * {@code sessionId} until {@code tokensExpireBy} plus the clock skew the verifier accepts past a
 * token's {@code exp} ({@link #refusedUntil}), after which none of them is accepted anyway.
 */
public record SessionRevocation(String sessionId, Instant tokensExpireBy) {

    /**
     * Until when a verifier that accepts tokens up to {@code acceptedSkew} past their {@code exp}
     * must refuse this session's tokens. Forgetting the revocation at {@code tokensExpireBy} itself
     * would let them through again for the skew.
     */
    public Instant refusedUntil(Duration acceptedSkew) {
        return tokensExpireBy.plus(acceptedSkew);
    }

    /**
     * The revocation an event carries: empty for every other event type, {@link UndecodableEvent}
     * for a {@code session.revoked} without a session id or an expiry (dead-lettered, never retried).
     */
    public static Optional<SessionRevocation> of(InboundEvent event) {
        if (!SessionRevoked.TYPE.equals(event.type())) {
            return Optional.empty();
        }
        SessionRevoked revoked = event.payloadAs(SessionRevoked.class);
        if (revoked.sessionId() == null || revoked.accessTokensExpireBy() == null) {
            throw new UndecodableEvent("A " + SessionRevoked.TYPE + " without session_id or access_tokens_expire_by");
        }
        return Optional.of(new SessionRevocation(revoked.sessionId().toString(), revoked.accessTokensExpireBy()));
    }
}
