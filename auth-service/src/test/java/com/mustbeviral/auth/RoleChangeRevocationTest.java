package com.mustbeviral.auth;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, hole 9: a role change ends the user's sessions, so a token minted with the old role is
 * refused from the change on (here, and through the published session.revoked by the gateway and
 * the services), and the next login carries the new role.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@Tag("role-change-revocation")
class RoleChangeRevocationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    private Admins.Admin admin;

    @BeforeEach
    void anAdmin() throws Exception {
        admin = Admins.create(dataSource);
    }

    @Test
    void aDemotedAdminsTokenIsRefusedFromTheChangeOn() throws Exception {
        Admins.Admin demoted = Admins.create(dataSource);
        adminList(demoted.accessToken()).then().statusCode(200);

        changeRole(demoted.id(), "creator").then().statusCode(200);

        assertProblem(adminList(demoted.accessToken()).then(), 401);
        assertProblem(given().auth().oauth2(demoted.accessToken()).get("/api/users/me").then(), 401);
        String next = Accounts.login(demoted.username()).path("access_token");
        assertEquals("creator", Tokens.claim(next, "role"));
        assertProblem(adminList(next).then(), 403);
    }

    @Test
    void everySessionOfTheUserIsRevokedAndPublishedForTheFleet() throws Exception {
        String username = Accounts.register();
        Response phone = Accounts.login(username);
        Response laptop = Accounts.login(username);
        String user = Tokens.claim(phone.path("access_token"), "sub");

        changeRole(user, "influencer").then().statusCode(200);

        for (Response login : new Response[] {phone, laptop}) {
            String sid = Tokens.claim(login.path("access_token"), "sid");
            JsonNode revoked = json.readTree(PublishedEvents.await(Topics.AUTH_SESSIONS, sid, SessionRevoked.TYPE).value());
            assertEquals(user, revoked.get("user_id").asText());
            assertEquals("role_changed", revoked.get("reason").asText());
            assertProblem(given().auth().oauth2(login.<String>path("access_token")).get("/api/users/me").then(), 401);
            assertProblem(Accounts.refresh(login.path("refresh_token")).then(), 401);
        }
    }

    @Test
    void aPromotionToAdminNeedsANewLoginToo() {
        String username = Accounts.register();
        String before = Accounts.login(username).path("access_token");

        changeRole(Tokens.claim(before, "sub"), "admin").then().statusCode(200);

        assertProblem(given().auth().oauth2(before).get("/api/users/me").then(), 401);
        String after = Accounts.login(username).path("access_token");
        assertEquals("admin", Tokens.claim(after, "role"));
        adminList(after).then().statusCode(200);
    }

    @Test
    void settingTheRoleItAlreadyHasEndsNoSession() {
        String username = Accounts.register();
        String token = Accounts.login(username).path("access_token");

        changeRole(Tokens.claim(token, "sub"), "creator").then().statusCode(200);

        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
    }

    private Response changeRole(String userId, String role) {
        return given().auth().oauth2(admin.accessToken()).contentType(ContentType.JSON).body(Map.of("role", role))
                .patch("/api/admin/users/" + userId + "/role");
    }

    private static Response adminList(String token) {
        return given().auth().oauth2(token).get("/api/admin/users");
    }
}
