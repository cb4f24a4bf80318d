package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Zero trust: content-service verifies the token itself, whatever the gateway did. Each refused
 * token is valid in every respect but the one under test.
 */
@QuarkusTest
class AccessTokenTest {

    private static final String TAGS = "/api/tags";

    @Test
    void aPersonsTokenReadsTags() {
        given().header("Authorization", TestTokens.bearer()).get(TAGS).then().statusCode(200);
    }

    @Test
    void aPartnerTokenWithContentReadReadsTags() {
        given().header("Authorization", TestTokens.partner("partner-1", "content:read").asBearer())
                .get(TAGS).then().statusCode(200);
    }

    @Test
    void aPartnerTokenWithoutContentReadIsForbidden() {
        assertProblem(given().header("Authorization", TestTokens.partner("partner-1", "analytics:read").asBearer())
                .get(TAGS).then(), 403)
                .body("type", equalTo("about:blank"))
                .body("detail", equalTo("This token does not allow this request."));
    }

    @Test
    void aScopeClaimDoesNotWidenAPersonsToken() {
        // Only a partner's token (with client_id) gets its scopes as roles; a role-less person gets nothing from "scope".
        assertProblem(given().header("Authorization", TestTokens.user().without("role").claim("scope", "content:read").asBearer())
                .get(TAGS).then(), 403);
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        assertProblem(given().get(TAGS).then(), 401).header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void refusesAnExpiredToken() {
        refused(TestTokens.user().expiresIn(Duration.ofMinutes(-2)));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        refused(TestTokens.user().claim("iss", "https://evil.example"));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        refused(TestTokens.user().claim("aud", "another-api"));
    }

    @Test
    void refusesAnUnsignedTokenWithAlgNone() {
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.NONE, null));
    }

    @Test
    void refusesAnHs256TokenKeyedWithThePublicKey() {
        byte[] publicKey = TestTokens.signingKey().getPublicKey().getEncoded();
        refused(TestTokens.user().algorithm(AlgorithmIdentifiers.HMAC_SHA256, new SecretKeySpec(publicKey, "HmacSHA256")));
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderThePublishedKeyId() {
        refused(TestTokens.user().signedWith(TestTokens.newKey("impostor")).kid(TestTokens.signingKey().getKeyId()));
    }

    @Test
    void refusesATokenNamingAnUnknownKey() {
        refused(TestTokens.user().kid("no-such-key"));
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = TestTokens.user().sign().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = claims.replace("\"creator\"", "\"admin\"");
        Assertions.assertNotEquals(claims, tampered);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes(StandardCharsets.UTF_8));
        assertProblem(given().header("Authorization", "Bearer " + parts[0] + "." + payload + "." + parts[2]).get(TAGS).then(), 401);
    }

    private static ValidatableResponse refused(TestTokens token) {
        return assertProblem(given().header("Authorization", token.asBearer()).get(TAGS).then(), 401)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }
}
