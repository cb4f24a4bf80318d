package com.mustbeviral.auth.social.client;

import com.mustbeviral.auth.config.AuthConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Google's OpenID Connect metadata and the verification of its ID tokens: RS256 signature by a
 * key of the discovered JWKS (fetched again when an unknown key id shows up), issuer, audience (our
 * client id), expiry and the nonce of this login.
 */
@ApplicationScoped
public class GoogleIdTokens {

    /** Where Google's endpoints are, from its discovery document. */
    public record Discovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    // Discovery rarely changes; a day-old copy is what Google's own client libraries keep.
    private static final Duration DISCOVERY_TTL = Duration.ofHours(24);

    private final AuthConfig.Social.Google config;
    private final ProviderHttp http;
    private final Duration timeout;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(Discovery discovery, JwtConsumer consumer, Instant fetchedAt) {
    }

    GoogleIdTokens(AuthConfig config, ProviderHttp http, Clock clock) {
        this.config = config.social().google();
        this.http = http;
        this.timeout = config.social().providerTimeout();
        this.clock = clock;
    }

    public Discovery discovery() {
        return current().discovery();
    }

    /** The identity in a verified ID token issued for this login. */
    public ProviderIdentity verify(String idToken, String nonce) {
        JwtClaims claims;
        try {
            claims = current().consumer().processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, GoogleProvider.ID,
                    "Google's ID token did not verify: " + e.getMessage(), e);
        }
        if (!(claims.getClaimValue("nonce") instanceof String claimed) || !sameText(claimed, nonce)) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, GoogleProvider.ID,
                    "Google's ID token was not issued for this login (nonce)");
        }
        try {
            String email = claims.getStringClaimValue("email");
            Object verified = claims.getClaimValue("email_verified");
            // Older tokens carry the flag as a string.
            boolean emailVerified = email != null && (Boolean.TRUE.equals(verified) || "true".equals(verified));
            return new ProviderIdentity(GoogleProvider.ID, claims.getSubject(), email, emailVerified, null,
                    claims.getStringClaimValue("name"));
        } catch (MalformedClaimException e) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, GoogleProvider.ID,
                    "Google's ID token has malformed claims", e);
        }
    }

    private Cached current() {
        Cached c = cached;
        if (c == null || c.fetchedAt().plus(DISCOVERY_TTL).isBefore(clock.instant())) {
            c = fetch();
            cached = c;
        }
        return c;
    }

    private synchronized Cached fetch() {
        JsonObject doc = http.getObject(GoogleProvider.ID, config.discoveryUri(), null, Map.of());
        Discovery discovery = new Discovery(text(doc, "issuer"), text(doc, "authorization_endpoint"),
                text(doc, "token_endpoint"), text(doc, "jwks_uri"));
        HttpsJwks jwks = new HttpsJwks(discovery.jwksUri());
        Get get = new Get();
        get.setConnectTimeout((int) timeout.toMillis());
        get.setReadTimeout((int) timeout.toMillis());
        jwks.setSimpleHttpGet(get);
        // Google documents both spellings of its issuer.
        String bare = discovery.issuer().replaceFirst("^https://", "");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuers(true, discovery.issuer(), bare)
                .setExpectedAudience(config.clientId().orElseThrow())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .build();
        return new Cached(discovery, consumer, clock.instant());
    }

    private static String text(JsonObject doc, String name) {
        if (!(doc.getValue(name) instanceof String value) || value.isBlank()) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, GoogleProvider.ID,
                    "Google's discovery document has no " + name);
        }
        return value;
    }

    private static boolean sameText(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
