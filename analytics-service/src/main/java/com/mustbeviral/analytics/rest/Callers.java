package com.mustbeviral.analytics.rest;

import com.mustbeviral.analytics.service.Caller;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.contracts.auth.PartnerScopes;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its verified token. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;

    Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller of an endpoint that requires a token. */
    public Caller required() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        Object clientId = token.getClaim(AccessTokenClaims.CLIENT_ID);
        boolean partner = clientId != null;
        String sub = token.getSubject();
        // A partner's client_credentials token is the client itself (sub = client_id): no user behind it.
        String user = isUuid(sub) && !(partner && sub.equals(clientId.toString())) ? sub : null;
        Object scope = token.getClaim(AccessTokenClaims.SCOPE);
        boolean analytics = scope != null && Arrays.asList(scope.toString().split(" +")).contains(PartnerScopes.ANALYTICS_READ);
        return new Caller(user, !partner && "admin".equals(token.getClaim(AccessTokenClaims.ROLE)), partner, analytics);
    }

    /**
     * The signed-in user of the anonymous ingestion route, or null: no token, or one that fails its
     * checks (a stale token must not lose a visitor's events; they count as anonymous).
     */
    public UUID userOrNull() {
        try {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
                return null;
            }
            Caller caller = required();
            return caller.userId() == null ? null : UUID.fromString(caller.userId());
        } catch (AuthenticationFailedException | UnauthorizedException e) {
            return null;
        }
    }

    private static boolean isUuid(String text) {
        try {
            return text != null && UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
