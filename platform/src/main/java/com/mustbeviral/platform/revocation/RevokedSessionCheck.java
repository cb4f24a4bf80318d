package com.mustbeviral.platform.revocation;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses, on every authenticated request of every service that verifies tokens, the access token
 * of a revoked session (its {@code sid}) before it expires: a signed, unexpired token is not enough
 * once its session was logged out, revoked or caught reusing a refresh token. No endpoint can
 * forget it: it runs when the identity is built.
 */
@ApplicationScoped
public class RevokedSessionCheck implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

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
        if (!revoked.blocks()) {
            return revoked.isRevoked(sessionId) ? Uni.createFrom().failure(refused()) : Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (revoked.isRevoked(sessionId)) {
                throw refused();
            }
            return identity;
        });
    }

    private static AuthenticationFailedException refused() {
        return new AuthenticationFailedException("The session of this token was revoked.");
    }
}
