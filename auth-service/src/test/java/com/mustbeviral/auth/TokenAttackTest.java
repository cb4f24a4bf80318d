package com.mustbeviral.auth;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.token.SigningKey;
import com.mustbeviral.auth.token.SigningKeys;
import com.mustbeviral.auth.token.TokenAlgorithm;
import com.mustbeviral.auth.token.TokenVerifier;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forged and broken access tokens on a protected endpoint. Each token is the valid one of
 * {@link #aWellFormedTokenIsAccepted} with exactly one thing changed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class TokenAttackTest {

    @Inject
    SigningKeys keys;

    @Inject
    TokenVerifier verifier;

    private String userId;
    private String sid;

    @BeforeEach
    void aUserWithASession() {
        String access = Accounts.login(Accounts.register()).path("access_token");
        userId = Tokens.claim(access, "sub");
        sid = Tokens.claim(access, "sid");
    }

    @Test
    void aWellFormedTokenIsAccepted() throws Exception {
        given().auth().oauth2(sign(c -> { })).get("/api/auth/sessions").then().statusCode(200);
    }

    @Test
    void algNoneIsRejected() throws Exception {
        JsonWebSignature jws = jws(claims());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setKey(null);
        rejected(jws.getCompactSerialization());
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws Exception {
        JsonWebSignature jws = jws(claims());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new SecretKeySpec(keys.signer().publicJwk().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        jws.setDoKeyValidation(false);
        rejected(jws.getCompactSerialization());
    }

    @Test
    void hs256SignedWithTheEcPublicKeysEncodingIsRejected() throws Exception {
        JsonWebSignature jws = jws(claims());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new SecretKeySpec(ecPublicKey().getEncoded(), "HmacSHA256"));
        jws.setDoKeyValidation(false);
        rejectedEverywhere(jws.getCompactSerialization());
    }

    @Test
    void accessTokensAreSignedEs256ByDefault() throws Exception {
        String access = Accounts.login(Accounts.register()).path("access_token");
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(access);
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        assertEquals(keys.signer(TokenAlgorithm.ES256).kid(), jws.getKeyIdHeaderValue());
        assertTrue(verifier.accessToken(access).isPresent());
    }

    @Test
    void anEs256TokenSignedByAnotherKeyUnderThePublishedKidIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        JsonWebSignature jws = jws(claims());
        jws.setKey(generator.generateKeyPair().getPrivate());
        rejectedEverywhere(jws.getCompactSerialization());
    }

    @Test
    void anRs256TokenUnderTheEcKidIsRejected() throws Exception {
        JsonWebSignature jws = jws(claims());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(keys.signer(TokenAlgorithm.RS256).privateKey());
        rejectedEverywhere(jws.getCompactSerialization());
    }

    @Test
    void anRs256TokenByThePublishedRsaKeyIsRejectedWhenOnlyEs256IsConfigured() throws Exception {
        // The ID tokens' key is in the JWKS, but RS256 access tokens are not what this fleet accepts.
        SigningKey rsa = keys.signer(TokenAlgorithm.RS256);
        JsonWebSignature jws = jws(claims());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(rsa.kid());
        jws.setKey(rsa.privateKey());
        rejectedEverywhere(jws.getCompactSerialization());
    }

    @Test
    void aTokenSignedByAP384KeyUnderThePublishedKidIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        PrivateKey p384 = generator.generateKeyPair().getPrivate();
        for (String alg : new String[] {AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384}) {
            JsonWebSignature jws = jws(claims());
            jws.setAlgorithmHeaderValue(alg);
            jws.setKey(p384);
            jws.setDoKeyValidation(false);
            rejectedEverywhere(jws.getCompactSerialization());
        }
    }

    @Test
    void aWrongIssuerIsRejected() throws Exception {
        rejected(sign(c -> c.setIssuer("https://evil.example.com")));
    }

    @Test
    void aWrongAudienceIsRejected() throws Exception {
        rejected(sign(c -> c.setAudience("some-other-api")));
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        rejected(sign(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        }));
    }

    @Test
    void anUnknownKidIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        JsonWebSignature jws = jws(claims());
        jws.setKeyIdHeaderValue(UUID.randomUUID().toString());
        jws.setKey(generator.generateKeyPair().getPrivate());
        rejected(jws.getCompactSerialization());
    }

    @Test
    void aTamperedPayloadIsRejected() throws Exception {
        String[] parts = sign(c -> { }).split("\\.");
        JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        payload.put("role", "admin");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        rejected(forged);
    }

    @Test
    void aTokenOfARevokedSessionIsRejected() throws Exception {
        String token = sign(c -> { });
        given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);
        rejected(token);
    }

    private void rejected(String token) {
        assertProblem(given().auth().oauth2(token).get("/api/auth/sessions").then(), 401);
    }

    /** Refused as a credential and, by introspection's verifier, as a token to look at. */
    private void rejectedEverywhere(String token) {
        rejected(token);
        assertTrue(verifier.accessToken(token).isEmpty(), "introspection's verifier refuses it too");
    }

    private PublicKey ecPublicKey() throws Exception {
        return ((PublicJsonWebKey) JsonWebKey.Factory.newJwk(keys.signer(TokenAlgorithm.ES256).publicJwk())).getPublicKey();
    }

    private String sign(Consumer<JwtClaims> change) throws Exception {
        JwtClaims claims = claims();
        change.accept(claims);
        return jws(claims).getCompactSerialization();
    }

    private JwtClaims claims() {
        JwtClaims c = new JwtClaims();
        c.setIssuer(Issuer.url());
        c.setAudience("mustbeviral-api");
        c.setSubject(userId);
        c.setClaim("role", "creator");
        c.setClaim("plan", "free");
        c.setClaim("sid", sid);
        c.setGeneratedJwtId();
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        return c;
    }

    private JsonWebSignature jws(JwtClaims claims) {
        SigningKey signer = keys.signer();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(signer.algorithm().name());
        jws.setKeyIdHeaderValue(signer.kid());
        jws.setKey((Key) signer.privateKey());
        return jws;
    }
}
