package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.auth.JsonFields.strings;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AdminUsersListed;
import com.mustbeviral.contracts.auth.UserRoleChanged;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class AdminUserTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private Admins.Admin admin;
    // Accounts of one test share a prefix no other test uses, so searches see only them.
    private String prefix;

    @BeforeEach
    void anAdmin() throws Exception {
        admin = Admins.create(dataSource);
        prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void listsAccountsNewestFirstOnePageAtATime() {
        String first = register(prefix + "a", prefix + "a@example.com");
        String second = register(prefix + "b", prefix + "b@example.com");
        String third = register(prefix + "c", prefix + "c@example.com");

        Response page1 = list(Map.of("q", prefix, "limit", 2));
        page1.then().statusCode(200).body("data.id", contains(third, second)).body("next_cursor", notNullValue());
        list(Map.of("q", prefix, "limit", 2, "cursor", page1.path("next_cursor"))).then().statusCode(200)
                .body("data.id", contains(first)).body("next_cursor", nullValue());
    }

    @Test
    void searchMatchesTheStartOfAUsernameInAnyCase() {
        String byUsername = register(prefix + "writer", "someone" + prefix + "@example.com");
        register("x" + prefix, prefix + "mail@example.com");

        list(Map.of("q", prefix.toUpperCase())).then().statusCode(200).body("data.id", contains(byUsername));
    }

    @Test
    void searchFindsAWholeEmailInAnyCase() {
        String byEmail = register("x" + prefix, prefix + "mail@example.com");
        register("y" + prefix, "y" + prefix + "@example.com");

        list(Map.of("q", " " + prefix.toUpperCase() + "Mail@Example.COM ")).then().statusCode(200)
                .body("data.id", contains(byEmail));
    }

    @Test
    void aPartOfAnEmailFindsNothing() {
        // Emails are encrypted at rest: only a whole address matches, through its keyed hash.
        register("x" + prefix, prefix + "mail@example.com");

        list(Map.of("q", prefix + "mail@")).then().statusCode(200).body("data", empty());
        list(Map.of("q", prefix + "mail@example.co")).then().statusCode(200).body("data", empty());
    }

    @Test
    void theRoleFilterKeepsOnlyThatRole() {
        register(prefix + "creator", prefix + "creator@example.com");
        String influencer = register(prefix + "influencer", prefix + "influencer@example.com", "influencer");

        list(Map.of("q", prefix, "role", "influencer")).then().statusCode(200)
                .body("data.id", contains(influencer)).body("data[0].role", equalTo("influencer"));
    }

    @Test
    void theListShowsNoMetadataAndNoDeletedAccounts() {
        String kept = register(prefix + "kept", prefix + "kept@example.com");
        String gone = prefix + "gone";
        register(gone, gone + "@example.com");
        given().auth().oauth2(Accounts.login(gone).<String>path("access_token")).delete("/api/users/me")
                .then().statusCode(204);

        list(Map.of("q", prefix)).then().statusCode(200).body("data.id", contains(kept))
                .body("data[0].metadata", nullValue()).body("data[0].email", equalTo(prefix + "kept@example.com"));
    }

    @Test
    void everyListingIsPublishedWithTheAccountsItShowed() throws Exception {
        String shown = register(prefix + "shown", prefix + "shown@example.com");
        list(Map.of("q", prefix, "role", "creator")).then().statusCode(200);

        JsonNode payload = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, admin.id(), AdminUsersListed.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(AdminUsersListed.TYPE))), fields(payload));
        assertEquals(admin.id(), payload.get("actor_id").asText());
        assertEquals("creator", payload.get("role").asText());
        assertEquals(true, payload.get("searched").asBoolean());
        assertEquals(List.of(shown), strings(payload.get("user_ids")));
        assertEquals(false, payload.toString().contains(prefix), "the search text is not published");
    }

    @Test
    void changingARolePublishesWhoChangedItFromWhatToWhat() throws Exception {
        String user = register(prefix + "u", prefix + "u@example.com");

        role(user, "influencer").then().statusCode(200).body("id", equalTo(user)).body("role", equalTo("influencer"));

        JsonNode payload = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, user, UserRoleChanged.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(UserRoleChanged.TYPE))), fields(payload));
        assertEquals(admin.id(), payload.get("actor_id").asText());
        assertEquals("creator", payload.get("old_role").asText());
        assertEquals("influencer", payload.get("new_role").asText());
    }

    @Test
    void theNewRoleIsInTheUsersNextLogin() {
        String username = prefix + "r";
        String user = register(username, username + "@example.com");

        role(user, "admin").then().statusCode(200);

        // The sessions from before the change are revoked (RoleChangeRevocationTest).
        assertEquals("admin", Tokens.claim(Accounts.login(username).path("access_token"), "role"));
    }

    @Test
    void anAdminMakesAModeratorWhoseNextLoginCarriesTheRole() throws Exception {
        String username = prefix + "m";
        String user = register(username, username + "@example.com");
        String before = Accounts.login(username).path("access_token");

        role(user, "moderator").then().statusCode(200).body("role", equalTo("moderator"));

        JsonNode payload = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, user, UserRoleChanged.TYPE).value());
        assertEquals("moderator", payload.get("new_role").asText());
        // A role change ends the sessions: the creator token is refused, the next login is a moderator's.
        assertProblem(given().auth().oauth2(before).get("/api/users/me").then(), 401);
        String after = Accounts.login(username).path("access_token");
        assertEquals("moderator", Tokens.claim(after, "role"));
        list(Map.of("q", prefix, "role", "moderator")).then().statusCode(200).body("data.id", contains(user));
        // A moderator moderates content; accounts stay the admins'.
        assertProblem(given().auth().oauth2(after).get("/api/admin/users").then(), 403);
    }

    @Test
    void anAdminCannotDemoteThemself() {
        assertProblem(role(admin.id(), "creator").then(), 403).body("title", equalTo("Cannot demote yourself"));
        list(Map.of("q", admin.username())).then().statusCode(200).body("data[0].role", equalTo("admin"));
    }

    @Test
    void aCreatorCannotUseTheAdminApi() {
        String creator = Accounts.login(Accounts.register()).path("access_token");
        assertProblem(given().auth().oauth2(creator).get("/api/admin/users").then(), 403);
    }

    @Test
    void anAdminTokenFromBeforeADemotionNoLongerWorks() throws Exception {
        Admins.setRole(dataSource, admin.username(), "creator");
        assertProblem(asAdmin().get("/api/admin/users").then(), 403).body("title", equalTo("Not an admin"));
    }

    @Test
    void theAdminApiNeedsAToken() {
        assertProblem(given().get("/api/admin/users").then(), 401);
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertProblem(role(UUID.randomUUID().toString(), "influencer").then(), 404);
    }

    @Test
    void aDeletedAccountsRoleCannotBeChanged() {
        String username = prefix + "gone";
        String user = register(username, username + "@example.com");
        given().auth().oauth2(Accounts.login(username).<String>path("access_token")).delete("/api/users/me")
                .then().statusCode(204);

        assertProblem(role(user, "influencer").then(), 404);
    }

    @Test
    void anIdThatIsNotAUuidIsNotFound() {
        assertProblem(role("not-a-uuid", "influencer").then(), 404);
    }

    @Test
    void anUnknownRoleIsABadRequest() {
        String user = register(prefix + "u", prefix + "u@example.com");
        assertProblem(role(user, "superuser").then(), 400);
    }

    @Test
    void aRoleGivenAsANumberIsABadRequest() {
        String user = register(prefix + "u", prefix + "u@example.com");
        assertProblem(asAdmin().contentType(ContentType.JSON).body("{\"role\": 2}")
                .patch("/api/admin/users/" + user + "/role").then(), 400);
    }

    @Test
    void aMissingRoleIsABadRequest() {
        String user = register(prefix + "u", prefix + "u@example.com");
        assertProblem(asAdmin().contentType(ContentType.JSON).body("{}").patch("/api/admin/users/" + user + "/role")
                .then(), 400);
    }

    @Test
    void anUnknownFieldInARoleChangeIsABadRequest() {
        String user = register(prefix + "u", prefix + "u@example.com");
        assertProblem(asAdmin().contentType(ContentType.JSON).body(Map.of("role", "influencer", "plan", "pro"))
                .patch("/api/admin/users/" + user + "/role").then(), 400);
    }

    @Test
    void aLimitOfZeroIsABadRequest() {
        assertProblem(list(Map.of("limit", 0)).then(), 400);
    }

    @Test
    void aLimitOverOneHundredIsABadRequest() {
        assertProblem(list(Map.of("limit", 101)).then(), 400);
    }

    @Test
    void aLimitThatIsNotANumberIsABadRequest() {
        assertProblem(list(Map.of("limit", "ten")).then(), 400);
    }

    @Test
    void anUnknownRoleFilterIsABadRequest() {
        assertProblem(list(Map.of("role", "superuser")).then(), 400);
    }

    @Test
    void aForgedCursorIsABadRequest() {
        assertProblem(list(Map.of("cursor", "bm90LWEtY3Vyc29y")).then(), 400);
    }

    @Test
    void aSearchThatMatchesNothingIsAnEmptyLastPage() {
        list(Map.of("q", prefix)).then().statusCode(200).body("data", empty()).body("next_cursor", nullValue());
    }

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(admin.accessToken());
    }

    private Response list(Map<String, ?> query) {
        return asAdmin().queryParams(query).get("/api/admin/users");
    }

    private Response role(String userId, String role) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("role", role))
                .patch("/api/admin/users/" + userId + "/role");
    }

    private static String register(String username, String email) {
        return register(username, email, "creator");
    }

    private static String register(String username, String email, String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "username", username, "password", Accounts.PASSWORD,
                        "display_name", "Listed User", "role", role))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
    }

}
