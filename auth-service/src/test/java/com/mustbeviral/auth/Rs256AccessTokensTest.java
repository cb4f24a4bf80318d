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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a fleet configured back to RS256 access tokens (auth.tokens.signing-algorithm and the
 * verifiers' mp.jwt.verify.publickey.algorithm): tokens are RS256, and an ES256 one is refused even
 * under the published EC key, which stays in the JWKS for ID tokens of clients that asked for ES256.
 */
@QuarkusTest
@TestProfile(Rs256AccessTokensTest.ConfiguredForRs256.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class Rs256AccessTokensTest {

    public static class ConfiguredForRs256 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.tokens.signing-algorithm", "RS256", "mp.jwt.verify.publickey.algorithm", "RS256");
        }
    }

    @Inject
    SigningKeys keys;

    @Inject
    TokenVerifier verifier;

    @Test
    void accessTokensAreRs256AndAccepted() {
        String access = Accounts.login(Accounts.register()).path("access_token");

        assertEquals("RS256", Tokens.header(access, "alg"));
        assertEquals(keys.signer(TokenAlgorithm.RS256).kid(), Tokens.header(access, "kid"));
        given().auth().oauth2(access).get("/api/auth/sessions").then().statusCode(200);
        assertTrue(verifier.accessToken(access).isPresent());
    }

    @Test
    void anEs256TokenUnderThePublishedEcKeyIsRefused() throws Exception {
        String access = Accounts.login(Accounts.register()).path("access_token");
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]),
                StandardCharsets.UTF_8));
        SigningKey ec = keys.signer(TokenAlgorithm.ES256);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(ec.kid());
        jws.setKey(ec.privateKey());
        String es256 = jws.getCompactSerialization();

        assertProblem(given().auth().oauth2(es256).get("/api/auth/sessions").then(), 401);
        assertTrue(verifier.accessToken(es256).isEmpty());
    }
}
