package com.mustbeviral.auth.token;

import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Issues access tokens: JWTs signed with the configured algorithm (ES256 by default) with the claims of {@link AccessTokenClaims}. */
@ApplicationScoped
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthConfig config;

    AccessTokens(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A token for a user's session, valid from {@code now} for the configured lifetime. */
    public String issue(UserRepository.TokenSubject user, UUID sessionId, Instant now) {
        SigningKey key = keys.signer();
        return Jwt.issuer(config.issuer())
                .audience(AccessTokenClaims.API_AUDIENCE)
                .subject(user.id().toString())
                .claim(AccessTokenClaims.ROLE, user.role().wireName())
                .claim(AccessTokenClaims.PLAN, user.plan())
                .claim(AccessTokenClaims.SESSION_ID, sessionId.toString())
                .claim(AccessTokenClaims.EMAIL_VERIFIED, user.emailVerified())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.tokens().accessTtl()))
                .jws().keyId(key.kid()).algorithm(key.algorithm().jws())
                .sign(key.privateKey());
    }

    public long lifetimeSeconds() {
        return config.tokens().accessTtl().toSeconds();
    }
}
