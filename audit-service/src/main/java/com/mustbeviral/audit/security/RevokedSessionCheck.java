package com.mustbeviral.audit.security;

import com.mustbeviral.audit.repository.RevokedSessions;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses the access token of a revoked session (its {@code sid}) before it expires: a signed,
 * unexpired token is not enough once its session was logged out, revoked or caught reusing a
 * refresh token. The revocations come from {@code auth.sessions}, within seconds.
 */
@ApplicationScoped
public class RevokedSessionCheck implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;
    private final Clock clock = Clock.systemUTC();

    RevokedSessionCheck(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String sessionId = token.getClaim(AccessTokenClaims.SESSION_ID);
        if (sessionId == null) {
            return Uni.createFrom().item(identity); // client_credentials: no session to revoke
        }
        return context.runBlocking(() -> {
            try {
                if (revoked.isRevoked(sessionId, clock.instant())) {
                    throw new AuthenticationFailedException("The session of this token was revoked.");
                }
                return identity;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read revoked sessions", e);
            }
        });
    }
}
