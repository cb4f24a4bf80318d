package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.auth.JsonFields.strings;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.UserUpdated;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class ProfileTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    ObjectMapper json;

    private String username;
    private String token;
    private String userId;

    @BeforeEach
    void aLoggedInUser() {
        username = Accounts.register();
        token = Accounts.login(username).path("access_token");
        userId = Tokens.claim(token, "sub");
    }

    @Test
    void readsMyProfileWithItsVersionAsETag() {
        me().get("/api/users/me").then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo(userId))
                .body("username", equalTo(username))
                .body("email", equalTo(username + "@example.com"))
                .body("display_name", equalTo("Test User"))
                .body("role", equalTo("creator"))
                .body("metadata", anEmptyMap())
                .body("onboarding_completed", equalTo(false));
    }

    @Test
    void patchChangesTheProfileBumpsTheETagAndPublishesOnlyTheChangedFieldNames() throws Exception {
        patch("\"1\"", Map.of("display_name", "Ada Lovelace", "onboarding_completed", true)).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("display_name", equalTo("Ada Lovelace"))
                .body("onboarding_completed", equalTo(true));
        me().get("/api/users/me").then().header("ETag", "\"2\"").body("display_name", equalTo("Ada Lovelace"));

        ConsumerRecord<String, String> event = PublishedEvents.await(Topics.AUTH_USERS, userId, UserUpdated.TYPE);
        JsonNode payload = json.readTree(event.value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(UserUpdated.TYPE))), fields(payload));
        assertEquals(userId, payload.get("user_id").asText());
        assertEquals(List.of("display_name", "onboarding_completed"), strings(payload.get("changed_fields")));
        assertEquals(false, event.value().contains("Ada Lovelace"), "no values in the event");
    }

    @Test
    void metadataIsMergedAsAJsonMergePatch() {
        patch("\"1\"", Map.of("metadata", Map.of("niche", "travel", "links", Map.of("blog", "https://a.example"))))
                .then().statusCode(200);
        Map<String, Object> links = new java.util.HashMap<>();
        links.put("blog", null);
        links.put("shop", "https://b.example");
        patch("\"2\"", Map.of("metadata", Map.of("links", links))).then().statusCode(200)
                .body("metadata.niche", equalTo("travel"))
                .body("metadata.links.shop", equalTo("https://b.example"))
                .body("metadata.links.blog", nullValue())
                .body("metadata.links.size()", equalTo(1));
    }

    @Test
    void nullMetadataEmptiesIt() {
        patch("\"1\"", Map.of("metadata", Map.of("niche", "travel"))).then().statusCode(200);
        patch("\"2\"", "{\"metadata\": null}").then().statusCode(200).body("metadata", anEmptyMap());
    }

    @Test
    void plainJsonIsAcceptedAsWellAsMergePatchJson() {
        me().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("display_name", "Plain"))
                .patch("/api/users/me").then().statusCode(200).body("display_name", equalTo("Plain"));
    }

    @Test
    void aPatchWithoutIfMatchIsRefusedWith428AndChangesNothing() {
        assertProblem(me().contentType(MERGE_PATCH).body(Map.of("display_name", "Nope")).patch("/api/users/me").then(),
                428);
        me().get("/api/users/me").then().header("ETag", "\"1\"").body("display_name", equalTo("Test User"));
    }

    @Test
    void ifMatchStarIsRefusedWith428() {
        assertProblem(patch("*", Map.of("display_name", "Nope")).then(), 428);
    }

    @Test
    void aMalformedIfMatchIsABadRequest() {
        assertProblem(patch("1", Map.of("display_name", "Nope")).then(), 400);
    }

    @Test
    void aWeakETagNeverMatches() {
        assertProblem(patch("W/\"1\"", Map.of("display_name", "Nope")).then(), 412);
    }

    @Test
    void anyOfSeveralETagsMayMatch() {
        patch("\"7\", , \"1\"", Map.of("display_name", "Listed")).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void aStaleWriteIsRefusedWith412NeverOverwritesAndPublishesNothing() throws Exception {
        patch("\"1\"", Map.of("display_name", "First")).then().statusCode(200);

        assertProblem(patch("\"1\"", Map.of("display_name", "Stale")).then(), 412);

        me().get("/api/users/me").then().header("ETag", "\"2\"").body("display_name", equalTo("First"));
        patch("\"2\"", Map.of("onboarding_completed", true)).then().statusCode(200);
        List<ConsumerRecord<String, String>> updates = EventLog.ofType(EventLog.until(Topics.AUTH_USERS, userId,
                r -> r.value().contains("onboarding_completed")), UserUpdated.TYPE);
        assertEquals(2, updates.size(), "the stale write published nothing");
    }

    @Test
    void ofConcurrentWritesFromOneVersionExactlyOneWins() throws Exception {
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "Writer " + i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                statuses.add(patch("\"1\"", Map.of("display_name", name)).statusCode());
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(writers - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        me().get("/api/users/me").then().header("ETag", "\"2\"");
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersionAndPublishesNothing() {
        patch("\"1\"", Map.of("display_name", "Test User", "onboarding_completed", false)).then().statusCode(200)
                .header("ETag", "\"1\"");
        patch("\"1\"", "{}").then().statusCode(200).header("ETag", "\"1\"");

        patch("\"1\"", Map.of("onboarding_completed", true)).then().statusCode(200).header("ETag", "\"2\"");
        List<ConsumerRecord<String, String>> updates = EventLog.ofType(EventLog.until(Topics.AUTH_USERS, userId,
                r -> r.value().contains("onboarding_completed")), UserUpdated.TYPE);
        assertEquals(1, updates.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "email, new@example.com", "username, newname", "role, admin" })
    void identityFieldsCannotBePatched(String field, String value) {
        assertProblem(patch("\"1\"", Map.of(field, value)).then(), 400).body("field", equalTo(field));
        me().get("/api/users/me").then().header("ETag", "\"1\"").body("role", equalTo("creator"))
                .body("username", equalTo(username));
    }

    @Test
    void anUnknownFieldIsABadRequestNotSilentlyIgnored() {
        assertProblem(patch("\"1\"", Map.of("displayname", "Typo")).then(), 400);
    }

    @Test
    void aDisplayNameThatIsNotAStringIsABadRequest() {
        assertProblem(patch("\"1\"", "{\"display_name\": 42}").then(), 400);
    }

    @Test
    void onboardingCompletedAsAStringIsABadRequest() {
        assertProblem(patch("\"1\"", "{\"onboarding_completed\": \"true\"}").then(), 400);
    }

    @Test
    void aNullDisplayNameIsABadRequest() {
        assertProblem(patch("\"1\"", "{\"display_name\": null}").then(), 400);
    }

    @Test
    void aBlankDisplayNameIsABadRequest() {
        assertProblem(patch("\"1\"", Map.of("display_name", "   ")).then(), 400);
    }

    @Test
    void aTooLongDisplayNameIsABadRequest() {
        assertProblem(patch("\"1\"", Map.of("display_name", "x".repeat(101))).then(), 400);
    }

    @Test
    void metadataThatIsNotAnObjectIsABadRequest() {
        assertProblem(patch("\"1\"", "{\"metadata\": [1, 2]}").then(), 400);
    }

    @Test
    void metadataOverTheSizeLimitIsRefusedAndNothingChanges() {
        patch("\"1\"", Map.of("metadata", Map.of("bio", "x".repeat(10_000)))).then().statusCode(200);

        // Each part fits; merged they exceed 16 KiB.
        assertProblem(patch("\"2\"", Map.of("metadata", Map.of("more", "y".repeat(10_000)))).then(), 400)
                .body("title", equalTo("Metadata too large"));
        me().get("/api/users/me").then().header("ETag", "\"2\"").body("metadata.more", nullValue());
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(patch("\"1\"", "{\"display_name\": ").then(), 400);
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        assertProblem(patch("\"1\"", "[\"display_name\"]").then(), 400);
    }

    @Test
    void aNonJsonBodyIsUnsupported() {
        assertProblem(me().contentType(ContentType.TEXT).header("If-Match", "\"1\"").body("display_name=x")
                .patch("/api/users/me").then(), 415);
    }

    @Test
    void myProfileNeedsAToken() {
        assertProblem(given().get("/api/users/me").then(), 401);
    }

    @Test
    void aTokenOfALoggedOutSessionCannotReadTheProfile() {
        me().post("/api/auth/logout").then().statusCode(204);
        assertProblem(me().get("/api/users/me").then(), 401);
    }

    private RequestSpecification me() {
        return given().auth().oauth2(token);
    }

    private Response patch(String ifMatch, Object body) {
        return me().contentType(MERGE_PATCH).header("If-Match", ifMatch).body(body).patch("/api/users/me");
    }

}
