package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** Tokens at the door: each refused token is valid in every respect but the one under test. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class AccessTokenTest {

    private static final String PROTECTED = "/api/content/42";

    @Test
    void letsAValidTokenThroughAndPassesItUpstream() {
        String bearer = TestTokens.bearer();
        given().header("Authorization", bearer).get(PROTECTED).then()
                .statusCode(200)
                .body("upstream", equalTo("content"))
                .body("headers.authorization", equalTo(bearer));
    }

    @Test
    void refusesARequestWithoutATokenWith401ProblemAndBearerChallenge() {
        assertProblem(given().get(PROTECTED).then(), 401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mustbeviral\""))
                .body("instance", equalTo(PROTECTED));
    }

    @Test
    void refusesAnExpiredToken() {
        refused(TestTokens.user().expiresIn(Duration.ofMinutes(-2)), "expired");
    }

    @Test
    void acceptsATokenExpiredLessThanTheClockSkewAgo() {
        accepted(TestTokens.user().expiresIn(Duration.ofSeconds(-10)));
    }

    @Test
    void refusesATokenNotValidBeforeAMomentBeyondTheSkew() {
        refused(TestTokens.user().claim("nbf", java.time.Instant.now().plusSeconds(120).getEpochSecond()), "not valid yet");
    }

    @Test
    void refusesATokenWithoutExpiry() {
        refused(TestTokens.user().without("exp"), "lacks a required claim");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        refused(TestTokens.user().claim("iss", "https://evil.example"), "issued by someone else");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        refused(TestTokens.user().claim("aud", "another-api"), "another audience");
    }

    @Test
    void refusesAnUnsignedTokenWithAlgNone() {
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.NONE, null), "signed with ES256");
    }

    @Test
    void refusesAnHs256TokenKeyedWithThePublicKey() {
        // The classic confusion attack: an HMAC whose secret is the verifier's public key.
        byte[] publicKey = TestTokens.signingKey().getPublicKey().getEncoded();
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.HMAC_SHA256, new SecretKeySpec(publicKey, "HmacSHA256")),
                "signed with ES256");
    }

    @Test
    void refusesAnEs512TokenEvenWithTheRightKey() {
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
                TestTokens.signingKey().getPrivateKey()), "signed with ES256");
    }

    @Test
    void refusesAnRs256TokenByAPublishedRsaKeyWhenOnlyEs256IsConfigured() {
        refused(TestTokens.user().signedWith(TestTokens.rsaSigningKey()), "signed with ES256");
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderThePublishedKeyId() {
        refused(TestTokens.user().signedWith(TestTokens.newKey("impostor")).kid(TestTokens.signingKey().getKeyId()), "signature");
    }

    @Test
    void refusesATokenSignedByAP384KeyUnderThePublishedKeyId() {
        PublicJsonWebKey p384 = p384Key("p384-impostor");
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, p384.getPrivateKey()),
                "signature");
    }

    @Test
    void refusesATokenNamingAnUnknownKey() {
        refused(TestTokens.user().kid("no-such-key"), "unknown key");
    }

    @Test
    void refusesATokenThatIsNotAJwt() {
        assertProblem(given().header("Authorization", "Bearer not.a.jwt").get(PROTECTED).then(), 401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void refusesAnAuthorizationHeaderOfAnotherScheme() {
        assertProblem(given().header("Authorization", "Basic dXNlcjpwYXNz").get(PROTECTED).then(), 401);
    }

    @Test
    void countsRefusedTokensByReason() {
        double before = Metrics.value("gateway_auth_failures_total", "reason", "issuer");
        refused(TestTokens.user().claim("iss", "https://evil.example"), "issued by someone else");
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, Metrics.value("gateway_auth_failures_total", "reason", "issuer"));
    }

    static PublicJsonWebKey p384Key(String kid) {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P384);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void accepted(TestTokens token) {
        given().header("Authorization", token.asBearer()).get(PROTECTED).then().log().ifValidationFails().statusCode(200);
    }

    private static ValidatableResponse refused(TestTokens token, String because) {
        return assertProblem(given().header("Authorization", token.asBearer()).get(PROTECTED).then(), 401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("detail", containsString(because));
    }

}
