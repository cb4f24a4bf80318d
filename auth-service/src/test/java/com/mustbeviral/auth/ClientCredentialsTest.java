package com.mustbeviral.auth;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client_credentials grant and the token endpoint's client authentication and errors (RFC 6749 section 5.2). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class ClientCredentialsTest {

    private static final Map<String, String> GRANT = Map.of("grant_type", "client_credentials");

    @Inject
    AgroalDataSource dataSource;

    private String admin;
    private Client client;

    @BeforeEach
    void aConfidentialClient() {
        admin = Partners.adminToken(dataSource);
        client = Partners.confidential(admin, List.of("content:read", "analytics:read", "openid"),
                List.of("client_credentials"));
    }

    @Test
    void issuesAnEs256TokenForTheClientItselfThatVerifiesAgainstTheJwks() throws Exception {
        Response r = Partners.token(client, GRANT);
        r.then().statusCode(200).header("Cache-Control", "no-store").contentType(ContentType.JSON)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .body("scope", equalTo("content:read analytics:read"))
                .body("$", not(hasKey("refresh_token"))).body("$", not(hasKey("id_token")));

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(Issuer.url() + "/.well-known/jwks.json")))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(Issuer.url()).setExpectedAudience("mustbeviral-api")
                .build().processToClaims(r.path("access_token"));
        assertEquals(client.id(), claims.getSubject());
        assertEquals(client.id(), claims.getStringClaimValue("client_id"));
        assertEquals("content:read analytics:read", claims.getStringClaimValue("scope"));
        assertNull(claims.getClaimValue("sid"));
        assertNull(claims.getClaimValue("role"));
    }

    @Test
    void clientSecretPostAuthenticatesToo() {
        given().contentType(ContentType.URLENC).formParams(GRANT).formParam("client_id", client.id())
                .formParam("client_secret", client.secret()).post("/oauth2/token").then().statusCode(200);
    }

    @Test
    void aRequestedScopeNarrowsTheToken() {
        Partners.token(client, Map.of("grant_type", "client_credentials", "scope", "analytics:read"))
                .then().statusCode(200).body("scope", equalTo("analytics:read"));
        String token = Partners.token(client, Map.of("grant_type", "client_credentials", "scope", "analytics:read"))
                .path("access_token");
        assertEquals("analytics:read", Tokens.claim(token, "scope"));
    }

    @Test
    void aWrongSecretIsInvalidClient() {
        oauthError(Partners.token(new Client(client.id(), client.secret() + "x"), GRANT), 401, "invalid_client")
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    void anUnknownClientIsInvalidClient() {
        oauthError(Partners.token(new Client("no-such-client", client.secret()), GRANT), 401, "invalid_client");
    }

    @Test
    void noClientAuthenticationIsInvalidClient() {
        oauthError(given().contentType(ContentType.URLENC).formParams(GRANT).post("/oauth2/token"), 401, "invalid_client");
    }

    @Test
    void aConfidentialClientWithoutItsSecretIsInvalidClient() {
        oauthError(Partners.token(new Client(client.id(), null), GRANT), 401, "invalid_client");
    }

    @Test
    void twoAuthenticationMethodsAtOnceAreAnInvalidRequest() {
        oauthError(given().auth().preemptive().basic(client.id(), client.secret()).contentType(ContentType.URLENC)
                .formParams(GRANT).formParam("client_secret", client.secret()).post("/oauth2/token"), 400,
                "invalid_request");
    }

    @Test
    void aScopeTheClientWasNotGivenIsInvalidScope() {
        oauthError(Partners.token(client, Map.of("grant_type", "client_credentials", "scope", "content:write")), 400,
                "invalid_scope");
    }

    @Test
    void aScopeAboutAPersonIsInvalidScopeForTheClientItself() {
        oauthError(Partners.token(client, Map.of("grant_type", "client_credentials", "scope", "openid")), 400,
                "invalid_scope");
    }

    @Test
    void aClientWithoutTheGrantTypeIsUnauthorizedClient() {
        Client codeOnly = Partners.confidential(admin, List.of("content:read"), List.of("authorization_code"));
        oauthError(Partners.token(codeOnly, GRANT), 400, "unauthorized_client");
    }

    @Test
    void anUnknownGrantTypeIsUnsupportedGrantType() {
        oauthError(Partners.token(client, Map.of("grant_type", "password", "username", "a", "password", "b")), 400,
                "unsupported_grant_type");
    }

    @Test
    void aMissingGrantTypeIsAnInvalidRequest() {
        oauthError(Partners.token(client, Map.of("scope", "content:read")), 400, "invalid_request");
    }

    @Test
    void aRepeatedParameterIsAnInvalidRequest() {
        oauthError(given().auth().preemptive().basic(client.id(), client.secret()).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("scope", "content:read")
                .formParam("scope", "analytics:read").post("/oauth2/token"), 400, "invalid_request");
    }

    @Test
    void malformedBasicCredentialsAreInvalidClient() {
        oauthError(given().header("Authorization", "Basic %%%not-base64").contentType(ContentType.URLENC)
                .formParams(GRANT).post("/oauth2/token"), 401, "invalid_client");
    }

    @Test
    void anEmptyBodyIsAnInvalidRequest() {
        oauthError(given().auth().preemptive().basic(client.id(), client.secret()).contentType(ContentType.URLENC)
                .post("/oauth2/token"), 400, "invalid_request");
    }

    @Test
    void aJsonBodyIsUnsupportedMediaType() {
        assertProblem(given().auth().preemptive().basic(client.id(), client.secret()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\"}").post("/oauth2/token").then(), 415);
    }

    @Test
    void getIsNotAllowedOnTheTokenEndpoint() {
        assertProblem(given().get("/oauth2/token").then(), 405);
    }

    static ValidatableResponse oauthError(Response r, int status, String error) {
        return r.then().statusCode(status).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("error", equalTo(error)).body("error_description", containsString(""));
    }
}
