package com.mustbeviral.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Access tokens as auth-service issues them by default (ES256), signed with a P-256 key made for
 * tests only ({@code test-signing-key.jwk.json}). A service's test profile points SmallRye JWT at that
 * file, which reads its public half; the gateway tests' fake auth service publishes the same key. An
 * RSA key ({@code test-signing-key-rs256.jwk.json}) serves the tests of fleets configured for RS256.
 * A builder starts valid in every respect; a negative test changes exactly one thing.
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:8080";
    public static final String AUDIENCE = "mustbeviral-api";

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private PublicJsonWebKey key = signingKey();
    private String kid = key.getKeyId();
    private String algorithm = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
    private Key signingKeyOverride;

    private TestTokens() {
        long now = Instant.now().getEpochSecond();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("jti", UUID.randomUUID().toString());
    }

    /** A user's token: fresh subject and session, role creator, plan free. */
    public static TestTokens user() {
        TestTokens token = new TestTokens();
        token.claims.put("sub", UUID.randomUUID().toString());
        token.claims.put("role", "creator");
        token.claims.put("plan", "free");
        token.claims.put("sid", UUID.randomUUID().toString());
        return token;
    }

    /** A partner's client_credentials token: sub and client_id are the client, no session. */
    public static TestTokens partner(String clientId, String scopes) {
        TestTokens token = new TestTokens();
        token.claims.put("sub", clientId);
        token.claims.put("client_id", clientId);
        token.claims.put("scope", scopes);
        return token;
    }

    /** A valid user token, as a header value. */
    public static String bearer() {
        return user().asBearer();
    }

    public TestTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TestTokens without(String name) {
        claims.remove(name);
        return this;
    }

    /** Expiry {@code fromNow}, issued ten minutes before it, as auth would have. */
    public TestTokens expiresIn(Duration fromNow) {
        long exp = Instant.now().plus(fromNow).getEpochSecond();
        return claim("exp", exp).claim("iat", exp - 600);
    }

    public TestTokens kid(String keyId) {
        this.kid = keyId;
        return this;
    }

    /**
     * Signs with {@code other} (its own kid unless {@link #kid} says otherwise), with the algorithm of
     * its kind: RS256 for an RSA key, ES256 for an EC one.
     */
    public TestTokens signedWith(PublicJsonWebKey other) {
        this.key = other;
        if (kid.equals(signingKey().getKeyId())) {
            this.kid = other.getKeyId();
        }
        this.algorithm = other instanceof RsaJsonWebKey ? AlgorithmIdentifiers.RSA_USING_SHA256
                : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        return this;
    }

    /** Another algorithm, with a key of the caller's choice (e.g. HS256 keyed with the public key's bytes). */
    public TestTokens algorithm(String alg, Key signingKey) {
        this.algorithm = alg;
        this.signingKeyOverride = signingKey;
        return this;
    }

    public String claimValue(String name) {
        return String.valueOf(claims.get(name));
    }

    public String sign() {
        try {
            JwtClaims jwt = new JwtClaims();
            claims.forEach(jwt::setClaim);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(jwt.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            jws.setKey(signingKeyOverride != null ? signingKeyOverride : key.getPrivateKey());
            jws.setDoKeyValidation(false);
            if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
                jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
                jws.setKey(null);
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String asBearer() {
        return "Bearer " + sign();
    }

    /** The key the fake auth service publishes, with its private part: P-256, for ES256. */
    public static PublicJsonWebKey signingKey() {
        return load("/test-signing-key.jwk.json");
    }

    /** The test RSA key, with its private part, for RS256 (published where a test says so). */
    public static PublicJsonWebKey rsaSigningKey() {
        return load("/test-signing-key-rs256.jwk.json");
    }

    private static PublicJsonWebKey load(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
            return (PublicJsonWebKey) JsonWebKey.Factory.newJwk(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh P-256 key with id {@code kid}, unknown to the gateway until published. */
    public static PublicJsonWebKey newKey(String kid) {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh RSA key with id {@code kid}, unknown to the gateway until published. */
    public static PublicJsonWebKey newRsaKey(String kid) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
