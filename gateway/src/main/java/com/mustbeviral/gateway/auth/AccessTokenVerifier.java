package com.mustbeviral.gateway.auth;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.platform.token.AcceptedAlgorithms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies access tokens as auth-service issues them: only the configured algorithms
 * ({@code gateway.auth.algorithms}: ES256 by default, RS256 or both possible; so neither {@code none}
 * nor an HMAC keyed with the public key can pass), a key from auth's JWKS named by {@code kid} and of
 * the kind the token's algorithm needs, the configured issuer and audience, a subject, {@code exp} and
 * (when present) {@code nbf} with a small clock skew.
 */
@Singleton
public class AccessTokenVerifier {

    private final JwksCache keys;
    private final VerifiedTokens verified;
    private final JwksFetcher fetcher;
    private final JwtConsumer consumer;
    private final Set<String> algorithms;
    private final String algorithmsRequired;
    private final Vertx vertx;
    private final long refreshTimer;

    AccessTokenVerifier(GatewayConfig config, Vertx vertx, Clock clock) {
        GatewayConfig.Auth auth = config.auth();
        GatewayConfig.Upstream keyHolder = config.upstreams().get(auth.jwks().upstream());
        if (keyHolder == null) {
            throw new IllegalStateException("gateway.auth.jwks.upstream names no upstream: " + auth.jwks().upstream());
        }
        URI jwksUri = keyHolder.url().resolve(auth.jwks().path());
        this.vertx = vertx;
        this.fetcher = new JwksFetcher(vertx, jwksUri, auth.jwks().timeout());
        this.keys = new JwksCache(fetcher, auth.jwks().minRefetchInterval(), System::nanoTime);
        this.verified = new VerifiedTokens(auth.verifiedTokenCacheSize(), auth.clockSkew().toMillis(), clock::millis);
        keys.onKeysChanged(verified::clear);
        this.algorithms = AcceptedAlgorithms.of("gateway.auth.algorithms", auth.algorithms());
        this.algorithmsRequired = "The access token must be signed with " + String.join(" or ", new TreeSet<>(algorithms));
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithms.toArray(String[]::new))
                .setVerificationKeyResolver(this::cachedKey)
                .setExpectedIssuer(true, auth.issuer())
                .setExpectedAudience(true, auth.audience())
                .setRequireSubject()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) auth.clockSkew().toSeconds())
                .build();
        this.refreshTimer = vertx.setPeriodic(auth.jwks().refreshInterval().toMillis(), id -> keys.refresh());
    }

    /** The identity in {@code token}, or a failed future with {@link TokenRejected}. */
    public Future<AccessToken> verify(String token) {
        AccessToken known = verified.get(token);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        String kid;
        String algorithm;
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(token);
            if (!(structure instanceof JsonWebSignature)) {
                return rejected("malformed", "The access token is not a signed JWT");
            }
            // Checked before any key lookup: a token of another algorithm never costs a JWKS fetch.
            algorithm = structure.getAlgorithmHeaderValue();
            if (algorithm == null || !algorithms.contains(algorithm)) {
                return rejected("algorithm", algorithmsRequired);
            }
            kid = structure.getKeyIdHeaderValue();
        } catch (JoseException e) {
            return rejected("malformed", "The access token is not a well-formed JWT");
        }
        if (kid == null) {
            return rejected("unknown_key", "The access token names no signing key");
        }
        return keys.resolve(kid).compose(key -> {
            if (key.isEmpty()) {
                return rejected("unknown_key", "The access token is signed with an unknown key");
            }
            // The algorithm is the token's word: it counts only with a key of its kind under that kid.
            if (!SigningKeys.fits(algorithm, key.get())) {
                return rejected("algorithm", "The access token's algorithm does not match its key");
            }
            return Future.succeededFuture(check(token));
        });
    }

    private AccessToken check(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            AccessToken identity = identity(claims);
            verified.put(token, identity, claims.getExpirationTime().getValueInMillis());
            return identity;
        } catch (InvalidJwtException e) {
            throw rejection(e);
        } catch (MalformedClaimException e) {
            throw new TokenRejected("malformed", "The access token has a claim of the wrong type");
        }
    }

    private static AccessToken identity(JwtClaims claims) throws MalformedClaimException {
        String scope = claims.getStringClaimValue(AccessTokenClaims.SCOPE);
        Set<String> scopes = scope == null ? Set.of()
                : Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new AccessToken(claims.getSubject(),
                claims.getStringClaimValue(AccessTokenClaims.ROLE),
                claims.getStringClaimValue(AccessTokenClaims.PLAN),
                claims.getStringClaimValue(AccessTokenClaims.SESSION_ID),
                claims.getStringClaimValue(AccessTokenClaims.CLIENT_ID),
                scopes);
    }

    private static TokenRejected rejection(InvalidJwtException e) {
        if (e.hasExpired()) {
            return new TokenRejected("expired", "The access token expired");
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return new TokenRejected("not_yet_valid", "The access token is not valid yet");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return new TokenRejected("issuer", "The access token was issued by someone else");
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return new TokenRejected("audience", "The access token is meant for another audience");
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return new TokenRejected("signature", "The access token's signature does not verify");
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return new TokenRejected("claims", "The access token lacks a required claim");
        }
        return new TokenRejected("malformed", "The access token is not valid");
    }

    private java.security.Key cachedKey(JsonWebSignature jws, java.util.List<JsonWebStructure> nesting)
            throws UnresolvableKeyException {
        Optional<PublicKey> key = keys.cachedKey(jws.getKeyIdHeaderValue());
        return key.orElseThrow(() -> new UnresolvableKeyException("No key " + jws.getKeyIdHeaderValue()));
    }

    private static <T> Future<T> rejected(String reason, String description) {
        return Future.failedFuture(new TokenRejected(reason, description));
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(refreshTimer);
        fetcher.close();
    }
}
