package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.auth.Partners.Pkce;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenID Connect UserInfo: claims by scope, and only for a live partner grant with openid. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class UserInfoTest {

    @Inject
    AgroalDataSource dataSource;

    private Client client;
    private String username;

    @BeforeEach
    void aClientAndAUser() {
        client = Partners.confidential(Partners.adminToken(dataSource), Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        username = Accounts.registerVerified();
    }

    @Test
    void profileAndEmailScopesGiveNamesAndEmail() {
        String access = accessToken("openid profile email");
        given().auth().oauth2(access).get("/oauth2/userinfo").then().statusCode(200)
                .body("sub", equalTo(Tokens.claim(access, "sub")))
                .body("preferred_username", equalTo(username)).body("name", equalTo("Test User"))
                .body("email", equalTo(username + "@example.com")).body("email_verified", equalTo(true));
    }

    @Test
    void openidAloneGivesOnlyTheSubject() {
        String access = accessToken("openid");
        given().auth().oauth2(access).get("/oauth2/userinfo").then().statusCode(200)
                .body("sub", equalTo(Tokens.claim(access, "sub")))
                .body("$", not(hasKey("preferred_username"))).body("$", not(hasKey("email")));
    }

    @Test
    void postWorksLikeGet() {
        given().auth().oauth2(accessToken("openid")).contentType(ContentType.URLENC).post("/oauth2/userinfo")
                .then().statusCode(200);
    }

    @Test
    void aTokenWithoutOpenidIsInsufficientScope() {
        given().auth().oauth2(accessToken("content:read")).get("/oauth2/userinfo").then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void aUsersLoginTokenIsInsufficientScope() {
        given().auth().oauth2(Accounts.login(username).<String>path("access_token")).get("/oauth2/userinfo")
                .then().statusCode(403);
    }

    @Test
    void aClientCredentialsTokenIsInsufficientScope() {
        given().auth().oauth2(Partners.token(client, Map.of("grant_type", "client_credentials")).<String>path("access_token"))
                .get("/oauth2/userinfo").then().statusCode(403);
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        given().get("/oauth2/userinfo").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aTokenOfARevokedGrantIsUnauthorizedWithABearerChallenge() {
        Pkce pkce = Pkce.create();
        Response tokens = Partners.redeem(client, Partners.authorize(client, username, "openid offline_access", pkce), pkce);
        given().auth().preemptive().basic(client.id(), client.secret()).contentType(ContentType.URLENC)
                .formParam("token", tokens.<String>path("refresh_token")).post("/oauth2/revoke").then().statusCode(200);

        given().auth().oauth2(tokens.<String>path("access_token")).get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aPartnerTokenCannotManageTheUsersSessions() {
        // Valid token, wrong kind of caller: forbidden, not unauthenticated.
        given().auth().oauth2(accessToken("openid content:read")).get("/api/auth/sessions").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aPartnerTokenCannotActAsThePersonOnTheirProfile() {
        given().auth().oauth2(accessToken("openid profile")).get("/api/users/me").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private String accessToken(String scope) {
        Pkce pkce = Pkce.create();
        return Partners.redeem(client, Partners.authorize(client, username, scope, pkce), pkce).path("access_token");
    }
}
