package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.mustbeviral.auth.token.SigningKey;
import com.mustbeviral.auth.token.SigningKeys;
import com.mustbeviral.auth.token.TokenAlgorithm;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: kid rotation with two kinds of key. A rotation of the ES256 key makes a new signer of
 * access tokens; the JWKS then holds the new and the rotated-out EC keys beside the RSA one, and a
 * token of the rotated-out key is still accepted until it expires.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class SigningKeyRotationTest {

    @Inject
    SigningKeys keys;

    @Test
    void aRotatedOutEcKeyStaysPublishedBesideTheNewOneAndTheRsaKey() throws Exception {
        String before = Accounts.login(Accounts.register()).path("access_token");
        SigningKey old = keys.signer(TokenAlgorithm.ES256);
        SigningKey rsa = keys.signer(TokenAlgorithm.RS256);

        SigningKey rotated = keys.rotate(TokenAlgorithm.ES256);

        assertNotEquals(old.kid(), rotated.kid());
        assertEquals(rsa.kid(), keys.signer(TokenAlgorithm.RS256).kid(), "the RSA signer is left alone");
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItems(rotated.kid(), old.kid(), rsa.kid()));
        String after = Accounts.login(Accounts.register()).path("access_token");
        assertEquals(rotated.kid(), Tokens.header(after, "kid"));
        given().auth().oauth2(after).get("/api/auth/sessions").then().statusCode(200);
        given().auth().oauth2(before).get("/api/auth/sessions").then().statusCode(200);
    }
}
