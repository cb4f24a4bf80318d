package com.mustbeviral.auth.rest;

import com.mustbeviral.auth.service.SessionFamilies;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller of a request: a person with a live session. The signature, issuer, audience
 * and expiry are checked by SmallRye JWT; auth owns the sessions, so it also refuses a token whose
 * session was revoked, and a partner's token (it acts within its scopes on the OAuth2 endpoints,
 * never as the person on these).
 */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;
    private final SessionFamilies sessions;
    private UUID liveSession;

    Caller(JsonWebToken jwt, SessionFamilies sessions) {
        this.jwt = jwt;
        this.sessions = sessions;
    }

    public UUID userId() throws SQLException {
        sessionId();
        return UUID.fromString(jwt.getSubject());
    }

    /** The session of the token, which must still be live. */
    public UUID sessionId() throws SQLException {
        if (liveSession != null) {
            return liveSession;
        }
        if (jwt.getClaim(AccessTokenClaims.CLIENT_ID) != null) {
            throw HttpProblem.builder().withStatus(Response.Status.FORBIDDEN).withTitle("Not for partner tokens")
                    .withDetail("This endpoint serves the person's own apps, not partners.").build();
        }
        String sid = jwt.getClaim(AccessTokenClaims.SESSION_ID);
        UUID id = sid == null ? null : UUID.fromString(sid);
        if (id == null || !sessions.isActive(id)) {
            throw HttpProblem.builder().withStatus(Response.Status.UNAUTHORIZED).withTitle("Session ended")
                    .withDetail("The session of this token was revoked or has expired.")
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
        }
        liveSession = id;
        return id;
    }
}
