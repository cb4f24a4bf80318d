package com.mustbeviral.auth;

import static com.mustbeviral.auth.ClientCredentialsTest.oauthError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.auth.Partners.Pkce;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection and RFC 7009 revocation. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class IntrospectionRevocationTest {

    private static final String SCOPE = "content:read openid offline_access";

    @Inject
    AgroalDataSource dataSource;

    private String admin;
    private Client client;
    private String username;
    private Response tokens;

    @BeforeEach
    void aGrant() {
        admin = Partners.adminToken(dataSource);
        client = Partners.confidential(admin, Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        username = Accounts.registerVerified();
        Pkce pkce = Pkce.create();
        tokens = Partners.redeem(client, Partners.authorize(client, username, SCOPE, pkce), pkce);
        tokens.then().statusCode(200);
    }

    @Test
    void anAccessTokenOfTheClientIsActiveWithItsClaims() {
        String access = tokens.path("access_token");
        introspect(client, access).then().statusCode(200).header("Cache-Control", "no-store")
                .body("active", equalTo(true)).body("scope", equalTo(SCOPE)).body("client_id", equalTo(client.id()))
                .body("sub", equalTo(Tokens.claim(access, "sub"))).body("token_type", equalTo("Bearer"))
                .body("iss", equalTo(Issuer.url()));
    }

    @Test
    void aClientCredentialsTokenIsActive() {
        String access = Partners.token(client, Map.of("grant_type", "client_credentials")).path("access_token");
        introspect(client, access).then().statusCode(200).body("active", equalTo(true)).body("sub", equalTo(client.id()));
    }

    @Test
    void aRefreshTokenIsActiveUntilItRotates() {
        String refresh = tokens.path("refresh_token");
        introspect(client, refresh).then().body("active", equalTo(true)).body("token_type", equalTo("refresh_token"));
        Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh)).then().statusCode(200);
        introspect(client, refresh).then().body("active", equalTo(false));
    }

    @Test
    void anotherClientsTokenIsNotActiveToMe() {
        Client other = Partners.confidential(admin, List.of("content:read"), List.of("client_credentials"));
        introspect(other, tokens.path("access_token")).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aUsersLoginTokenIsNotActiveToAPartner() {
        introspect(client, Accounts.login(username).path("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void garbageIsNotActive() {
        introspect(client, "garbage").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void introspectionNeedsClientAuthentication() {
        oauthError(given().contentType(ContentType.URLENC).formParam("token", tokens.<String>path("access_token"))
                .post("/oauth2/introspect"), 401, "invalid_client");
    }

    @Test
    void aPublicClientCannotIntrospect() {
        Client app = Partners.publicClient(admin, List.of("openid"));
        oauthError(given().contentType(ContentType.URLENC).formParam("client_id", app.id())
                .formParam("token", tokens.<String>path("access_token")).post("/oauth2/introspect"), 401, "invalid_client");
    }

    @Test
    void revokingTheRefreshTokenEndsTheGrantAndItsAccessTokens() {
        String access = tokens.path("access_token");
        revoke(client, tokens.path("refresh_token")).then().statusCode(200);

        oauthError(Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.path("refresh_token"))), 400, "invalid_grant");
        introspect(client, access).then().body("active", equalTo(false));
        PublishedEvents.await(Topics.AUTH_SESSIONS, Tokens.claim(access, "sid"), SessionRevoked.TYPE);
    }

    @Test
    void revokingTheAccessTokenEndsItsGrant() {
        revoke(client, tokens.path("access_token")).then().statusCode(200);
        introspect(client, tokens.path("refresh_token")).then().body("active", equalTo(false));
    }

    @Test
    void anotherClientCannotRevokeMyTokens() {
        Client other = Partners.confidential(admin, List.of("content:read"), List.of("client_credentials"));
        revoke(other, tokens.path("refresh_token")).then().statusCode(200);
        introspect(client, tokens.path("refresh_token")).then().body("active", equalTo(true));
    }

    @Test
    void revokingAnUnknownTokenIsStillOk() {
        revoke(client, "never-issued").then().statusCode(200);
    }

    @Test
    void revocationNeedsClientAuthentication() {
        oauthError(given().contentType(ContentType.URLENC).formParam("token", tokens.<String>path("refresh_token"))
                .post("/oauth2/revoke"), 401, "invalid_client");
    }

    private static Response introspect(Client caller, String token) {
        return given().auth().preemptive().basic(caller.id(), caller.secret()).contentType(ContentType.URLENC)
                .formParam("token", token).post("/oauth2/introspect");
    }

    private static Response revoke(Client caller, String token) {
        return given().auth().preemptive().basic(caller.id(), caller.secret()).contentType(ContentType.URLENC)
                .formParam("token", token).post("/oauth2/revoke");
    }
}
