package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.account.service.BootstrapAdmin;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AdminBootstrapped;
import com.mustbeviral.contracts.auth.PasswordChanged;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first admin, from the environment at start (auth.bootstrap-admin.*), as Keycloak's bootstrap admin. */
@QuarkusTest
@TestProfile(BootstrapAdminTest.WithBootstrapAdmin.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(SmtpServerResource.class)
class BootstrapAdminTest {

    static final String USERNAME = "root-admin";
    static final String PASSWORD = "bootstrap password from the environment";

    public static class WithBootstrapAdmin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.bootstrap-admin.username", USERNAME, "auth.bootstrap-admin.password", PASSWORD);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    BootstrapAdmin bootstrap;

    @Test
    void theBootstrapAdminMustChangeItsPasswordAtFirstLoginAndThenIsAnAdmin() throws Exception {
        assertProblem(login(PASSWORD, null).then(), 403)
                .body("type", equalTo("https://mustbeviral.com/problems/password-change-required"));
        assertProblem(login(PASSWORD, "short").then(), 400);
        assertProblem(login("a wrong password", "the admin's own passphrase").then(), 401);

        Response changed = login(PASSWORD, "the admin's own passphrase");

        changed.then().statusCode(200);
        String access = changed.path("access_token");
        assertEquals("admin", Tokens.claim(access, "role"));
        given().auth().oauth2(access).get("/api/admin/users").then().statusCode(200);
        assertProblem(login(PASSWORD, null).then(), 401);
        login("the admin's own passphrase", null).then().statusCode(200);
        String userId = Tokens.claim(access, "sub");
        JsonNode created = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, userId, AdminBootstrapped.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(AdminBootstrapped.TYPE))), fields(created));
        JsonNode passwordChanged = json.readTree(
                PublishedEvents.await(Topics.AUTH_USERS, userId, PasswordChanged.TYPE).value());
        assertEquals("required_at_login", passwordChanged.get("method").asText());
    }

    @Test
    void noSecondAdminIsBootstrappedOnceAnAdminExists() throws Exception {
        bootstrap.bootstrap();

        assertEquals(1, count("SELECT count(*) FROM users WHERE role = 'admin'"));
    }

    private static Response login(String password, String newPassword) {
        Map<String, String> body = new HashMap<>(Map.of("username", USERNAME, "password", password));
        if (newPassword != null) {
            body.put("new_password", newPassword);
        }
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Accounts.newIp()).body(body)
                .post("/api/auth/login");
    }

    private long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
