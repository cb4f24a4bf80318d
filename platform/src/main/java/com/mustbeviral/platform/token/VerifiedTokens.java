package com.mustbeviral.platform.token;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * smallrye-jwt's verifier, remembering the tokens it verified, for every service that verifies the
 * fleet's access tokens with smallrye-jwt: a client sends the same access token with every request
 * until it expires, and checking its ES256 signature each time was a fifth of a content create's CPU
 * and nearly half of a billing usage read's. The key is the whole token, signature included, so only the very bytes that passed
 * are ever let through again, and a token that fails is never remembered. Its claims are read once
 * ({@link ClaimsReadOnce}).
 *
 * <p>A remembered token is verified again after {@link #REVERIFY_MILLIS} (a key withdrawn from the
 * JWKS stops being honoured within a minute) and never served past its {@code exp}. What changes
 * while a token lives is checked on every request after this, as before: revoked sessions
 * (the platform's {@code RevokedSessionCheck}), roles and scopes.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    public static final long REVERIFY_MILLIS = 60_000;
    /** ~4 KB each (the token and its parsed claims): at most a few MB of a 128 MB heap. */
    static final int MAX_TOKENS = 1024;

    private record Verified(JsonWebToken token, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(bearerToken);
        if (known != null && now < known.until()) {
            return known.token();
        }
        JsonWebToken token = new ClaimsReadOnce(super.parse(bearerToken));
        long until = Math.min(token.getExpirationTime() * 1000, now + REVERIFY_MILLIS);
        if (until > now) {
            if (verified.size() >= MAX_TOKENS) {
                // A bound, not a policy: the tokens in use are verified again once each.
                verified.clear();
            }
            verified.put(bearerToken, new Verified(token, until));
        } else if (known != null) {
            verified.remove(bearerToken);
        }
        return token;
    }
}
