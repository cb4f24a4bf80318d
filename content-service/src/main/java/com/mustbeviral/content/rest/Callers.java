package com.mustbeviral.content.rest;

import com.mustbeviral.content.service.Caller;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its verified token (null when anonymous). */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final HttpHeaders headers;

    Callers(SecurityIdentity identity, HttpHeaders headers) {
        this.identity = identity;
        this.headers = headers;
    }

    /** The caller, or null for an anonymous reader. */
    public Caller current() {
        // Bearer tokens are the only credentials here: without an Authorization header the reader is
        // anonymous, and resolving the (lazy) identity to learn so cost a quarter of a public read's CPU.
        // With one, the identity is resolved as before (an invalid token is a 401).
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return null;
        }
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        String sub = token.getSubject();
        Object clientId = token.getClaim(AccessTokenClaims.CLIENT_ID);
        boolean partner = clientId != null;
        // A partner's client_credentials token is the client itself (sub = client_id): no user behind it.
        boolean forUser = isUuid(sub) && !(partner && sub.equals(clientId.toString()));
        Object role = partner ? null : token.getClaim("role");
        return new Caller(sub, role == null ? null : role.toString(), partner, forUser);
    }

    /** The caller of an endpoint that requires a token. */
    public Caller required() {
        Caller caller = current();
        if (caller == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller;
    }

    private static boolean isUuid(String text) {
        try {
            return text != null && UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
