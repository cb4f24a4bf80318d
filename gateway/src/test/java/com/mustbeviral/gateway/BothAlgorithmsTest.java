package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: with ES256 and RS256 both accepted (a switch under way), each key verifies only tokens of
 * its own algorithm: the token's {@code alg} never picks how a key of another kind is used.
 */
@QuarkusTest
@TestProfile(BothAlgorithms.class)
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class BothAlgorithmsTest {

    private static final String PROTECTED = "/api/content/42";

    @Test
    void acceptsAnEs256TokenUnderTheEcKey() {
        accepted(TestTokens.user());
    }

    @Test
    void acceptsAnRs256TokenUnderTheRsaKey() {
        accepted(TestTokens.user().signedWith(TestTokens.rsaSigningKey()));
    }

    @Test
    void refusesAnRs256TokenUnderTheEcKeyId() {
        refused(TestTokens.user().signedWith(TestTokens.rsaSigningKey()).kid(TestTokens.signingKey().getKeyId()),
                "does not match its key");
    }

    @Test
    void refusesAnEs256TokenUnderTheRsaKeyId() {
        refused(TestTokens.user().kid(TestTokens.rsaSigningKey().getKeyId()), "does not match its key");
    }

    @Test
    void refusesAnHs256TokenKeyedWithTheEcPublicKey() {
        byte[] publicKey = TestTokens.signingKey().getPublicKey().getEncoded();
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.HMAC_SHA256, new SecretKeySpec(publicKey, "HmacSHA256")),
                "signed with ES256 or RS256");
    }

    private static void accepted(TestTokens token) {
        given().header("Authorization", token.asBearer()).get(PROTECTED).then().log().ifValidationFails().statusCode(200);
    }

    private static void refused(TestTokens token, String because) {
        assertProblem(given().header("Authorization", token.asBearer()).get(PROTECTED).then(), 401)
                .body("detail", containsString(because));
    }
}
