package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.UserDeleted;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class AccountDeletionTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deletingMyAccountSoftDeletesItAndPublishesUserDeleted() throws Exception {
        String username = Accounts.register();
        String token = Accounts.login(username).path("access_token");
        String userId = Tokens.claim(token, "sub");

        given().auth().oauth2(token).delete("/api/users/me").then().statusCode(204);

        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT deleted_at, username FROM users WHERE id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(true, rs.getLong(1) > 0, "deleted_at is set");
                assertEquals(username, rs.getString(2), "the row stays: soft delete");
            }
        }
        JsonNode payload = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, userId, UserDeleted.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(UserDeleted.TYPE))), fields(payload));
        assertEquals(userId, payload.get("user_id").asText());
    }

    @Test
    void deletingMyAccountRevokesEveryOneOfMySessions() throws Exception {
        String username = Accounts.register();
        Response phone = Accounts.login(username);
        Response laptop = Accounts.login(username);

        given().auth().oauth2(laptop.<String>path("access_token")).delete("/api/users/me").then().statusCode(204);

        for (Response device : List.of(phone, laptop)) {
            String sid = Tokens.claim(device.path("access_token"), "sid");
            JsonNode revoked = json.readTree(PublishedEvents.await(Topics.AUTH_SESSIONS, sid, SessionRevoked.TYPE).value());
            assertEquals("account_deleted", revoked.get("reason").asText());
            assertProblem(Accounts.refresh(device.path("refresh_token")).then(), 401);
        }
    }

    @Test
    void deletingMyAccountRevokesWhatPartnersHoldForIt() throws Exception {
        String username = Accounts.registerVerified();
        Partners.Client client = Partners.confidential(Partners.adminToken(dataSource), Partners.ALL_SCOPES,
                Partners.ALL_GRANTS);
        Partners.Pkce pkce = Partners.Pkce.create();
        String scope = "openid content:read offline_access";
        Response partner = Partners.redeem(client, Partners.authorize(client, username, scope, pkce), pkce);
        partner.then().statusCode(200);

        given().auth().oauth2(Accounts.login(username).<String>path("access_token")).delete("/api/users/me")
                .then().statusCode(204);

        String grantId = Tokens.claim(partner.path("access_token"), "sid");
        JsonNode revoked = json.readTree(PublishedEvents.await(Topics.AUTH_SESSIONS, grantId, SessionRevoked.TYPE).value());
        assertEquals("account_deleted", revoked.get("reason").asText());
        Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token", partner.path("refresh_token")))
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
    }

    @Test
    void theAccessTokensOfADeletedAccountStopWorking() {
        String username = Accounts.register();
        String phone = Accounts.login(username).path("access_token");
        String laptop = Accounts.login(username).path("access_token");

        given().auth().oauth2(laptop).delete("/api/users/me").then().statusCode(204);

        assertProblem(given().auth().oauth2(laptop).get("/api/users/me").then(), 401);
        assertProblem(given().auth().oauth2(phone).get("/api/users/me").then(), 401);
        assertProblem(given().auth().oauth2(phone).delete("/api/users/me").then(), 401);
    }

    @Test
    void aDeletedAccountCannotLogInAgain() {
        String username = Accounts.register();
        given().auth().oauth2(Accounts.login(username).<String>path("access_token")).delete("/api/users/me")
                .then().statusCode(204);

        assertProblem(Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then(), 401)
                .body("title", equalTo("Invalid credentials"));
    }

    @Test
    void deletingNeedsAToken() {
        assertProblem(given().delete("/api/users/me").then(), 401);
    }
}
