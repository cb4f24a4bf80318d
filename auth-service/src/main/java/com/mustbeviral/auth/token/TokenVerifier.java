package com.mustbeviral.auth.token;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Checks an access token against the issuer's own published keys, in memory: for introspection and
 * revocation, where a token is data to look at rather than the caller's credential.
 */
@ApplicationScoped
public class TokenVerifier {

    private final SigningKeys keys;
    private final AuthConfig config;
    private final Clock clock;

    TokenVerifier(SigningKeys keys, AuthConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    /** The claims of a valid, unexpired access token of this issuer; empty for anything else. */
    public Optional<JwtClaims> accessToken(String token) {
        try {
            List<JsonWebKey> published = new ArrayList<>();
            for (SigningKey key : keys.published()) {
                published.add(JsonWebKey.Factory.newJwk(key.publicJwk()));
            }
            return Optional.of(new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(published))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setExpectedIssuer(config.issuer())
                    .setExpectedAudience(AccessTokenClaims.API_AUDIENCE)
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setAllowedClockSkewInSeconds(0)
                    // Expiry by the clock that stamped the token's exp, not jose4j's own.
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .build()
                    .processToClaims(token));
        } catch (InvalidJwtException | JoseException e) {
            return Optional.empty();
        }
    }
}
