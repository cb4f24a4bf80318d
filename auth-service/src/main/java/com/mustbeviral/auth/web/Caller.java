package com.mustbeviral.auth.web;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person a request on their own endpoints speaks for. SmallRye JWT checked the token, and the
 * platform's {@code RevokedSessionCheck} (over {@code EndedSessions}) refused it already if its
 * session ended; what is left here is the one rule of these endpoints: they serve the person's own
 * apps, so a partner's token (it acts within its scopes on the OAuth2 endpoints) is refused.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The verified access token: the identity's principal. Not an injected {@code JsonWebToken}: with
     * quarkus-oidc present (social login) that producer serves OIDC tenants' tokens, not SmallRye JWT's.
     */
    public static JsonWebToken token(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new AuthenticationFailedException("No access token");
        }
        return jwt;
    }

    public UUID userId() {
        return UUID.fromString(person().getSubject());
    }

    /** The session of the token. */
    public UUID sessionId() {
        return UUID.fromString(person().getClaim(AccessTokenClaims.SESSION_ID));
    }

    private JsonWebToken person() {
        JsonWebToken jwt = token(identity);
        if (jwt.getClaim(AccessTokenClaims.CLIENT_ID) != null) {
            throw new Refusal(AuthRefusal.PARTNER_TOKEN, "This endpoint serves the person's own apps, not partners.");
        }
        if (jwt.getClaim(AccessTokenClaims.SESSION_ID) == null) {
            // Every token auth issues to a person names its session.
            throw new AuthenticationFailedException("An access token without a session");
        }
        return jwt;
    }
}
