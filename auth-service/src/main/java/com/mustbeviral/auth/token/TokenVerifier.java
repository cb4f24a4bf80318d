package com.mustbeviral.auth.token;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.platform.token.AcceptedAlgorithms;
import com.mustbeviral.platform.token.FleetTokenAlgorithm;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Checks an access token against the issuer's own published keys, in memory: for introspection and
 * revocation, where a token is data to look at rather than the caller's credential. It accepts the
 * algorithms auth-service's own bearer check accepts ({@code mp.jwt.verify.publickey.algorithm}), and
 * refuses to start when those leave out the algorithm access tokens are signed with.
 */
@ApplicationScoped
@Startup
public class TokenVerifier {

    private final SigningKeys keys;
    private final AuthConfig config;
    private final Clock clock;
    private final String[] accepted;

    TokenVerifier(SigningKeys keys, AuthConfig config, Clock clock,
            @ConfigProperty(name = FleetTokenAlgorithm.PROPERTY) List<String> accepted) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.accepted = accepted(config.tokens().signingAlgorithm(), accepted);
    }

    /** The algorithms configured for verification, which must include the one access tokens are signed with. */
    static String[] accepted(TokenAlgorithm signing, List<String> configured) {
        Set<String> algorithms = AcceptedAlgorithms.of(FleetTokenAlgorithm.PROPERTY, configured);
        if (!algorithms.contains(signing.name())) {
            throw new IllegalStateException("auth.tokens.signing-algorithm is " + signing + " but "
                    + FleetTokenAlgorithm.PROPERTY + " accepts only " + algorithms + ": set the verifiers of the whole"
                    + " fleet (MP_JWT_VERIFY_PUBLICKEY_ALGORITHM, GATEWAY_AUTH_ALGORITHMS) to accept " + signing + " first");
        }
        return algorithms.toArray(String[]::new);
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
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, accepted)
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
