package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The creator's content flow through the gateway: a streamed generation becomes a draft, the ethics
 * check sends it to review, a moderator approves it, the author schedules it, the scheduler publishes
 * it, and {@code content.published} reaches its consumers; and the plan's limit on AI generations.
 */
@ExtendWith(RunningFleet.class)
class ContentFlowIT {

    private static final Fleet FLEET = RunningFleet.FLEET;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStreamedGenerationIsFlaggedApprovedScheduledAndPublishedByTheScheduler() throws Exception {
        String author = FleetAccounts.login(FleetAccounts.register().username());
        // An email address in the prompt lands in the outline: personal data, which the check sends to review.
        String ask = "{\"prompt\":\"Write to ana.lima@example.com about calm mornings\",\"type\":\"blog_post\","
                + "\"length\":\"short\"}";

        String stream = given().auth().oauth2(author).contentType(ContentType.JSON).accept("text/event-stream")
                .body(ask).post("/api/content/generate").then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream")).extract().asString();
        assertTrue(stream.contains("event:token"), stream);
        JsonNode draft = JSON.readTree(dataOf(stream, "draft"));
        String id = draft.get("id").asText();
        assertEquals("pending_review", draft.get("status").asText());
        assertEquals("flagged", draft.at("/ethics/status").asText());

        String moderator = FleetAccounts.adminToken();
        given().auth().oauth2(moderator).get("/api/moderation/queue?limit=100").then().statusCode(200)
                .body("data.content.id", org.hamcrest.Matchers.hasItem(id));
        given().auth().oauth2(moderator).contentType(ContentType.JSON).body(Map.of("decision", "approve"))
                .post("/api/moderation/" + id + "/decision").then().statusCode(200).body("status", equalTo("draft"));

        given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("publish_at", Instant.now().plusSeconds(3).toString()))
                .post("/api/content/" + id + "/schedule").then().statusCode(200).body("status", equalTo("scheduled"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "published".equals(given().auth().oauth2(author)
                .get("/api/content/" + id).then().extract().path("status")));
        // content.events -> Kafka -> audit-service's trail, exactly once.
        await().atMost(Duration.ofSeconds(30)).until(() -> published(id) == 1);
        Thread.sleep(2000);
        assertEquals(1, published(id));
    }

    @Test
    void aFreeUserGeneratingPastTheLimitGets402AndNothingMoreIsCounted() throws Exception {
        FleetAccounts.Account account = FleetAccounts.register();
        String token = FleetAccounts.login(account.username());
        String ask = "{\"prompt\":\"Three ideas for a rainy Sunday\",\"type\":\"social_post\",\"length\":\"short\"}";
        int allowed = 0;
        while (allowed < 100) {
            var answer = given().auth().oauth2(token).contentType(ContentType.JSON).body(ask).post("/api/content/generate");
            if (answer.statusCode() == 402) {
                answer.then().contentType("application/problem+json").body("limit", equalTo("ai_generations"))
                        .body("allowed", equalTo(allowed));
                break;
            }
            assertEquals(201, answer.statusCode(), answer.asString());
            allowed++;
        }

        assertEquals(10, allowed, "the free plan's AI generations per month");
        assertEquals(allowed, FLEET.count("content-service", "content.db",
                "SELECT used FROM usage_counters WHERE user_id = ? AND feature = 'ai_generations'", account.id()));
        assertEquals(allowed, FLEET.count("content-service", "content.db",
                "SELECT count(*) FROM outbox WHERE subject = ? AND event_type = 'usage.incremented'", account.id()));
        assertEquals(allowed, FLEET.count("content-service", "content.db",
                "SELECT count(*) FROM content WHERE author_id = ? AND ai_generated", account.id()));
    }

    private static long published(String contentId) throws Exception {
        return FLEET.count("audit-service", "audit.db",
                "SELECT count(*) FROM audit_log WHERE subject = ? AND event_type = 'content.published'", contentId);
    }

    /** The data of the first event of {@code name} in a text/event-stream body. */
    private static String dataOf(String stream, String name) {
        int event = stream.indexOf("event:" + name);
        assertTrue(event >= 0, "no " + name + " event in " + stream);
        int data = stream.indexOf("data:", event);
        int end = stream.indexOf('\n', data);
        return stream.substring(data + "data:".length(), end < 0 ? stream.length() : end);
    }
}
