package com.mustbeviral.analytics;

import static com.mustbeviral.analytics.Pipeline.event;
import static com.mustbeviral.analytics.Pipeline.send;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /api/events: each event judged on its own, a replayed id counted once, bots dropped, consent kept. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class EventResourceTest {

    @Test
    void acceptsABatchAndCountsAReplayedBatchOnce() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        List<Map<String, Object>> events = List.of(event(content, "view"), event(content, "like"));

        send(events).statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(0))
                .body("results[0].status", equalTo("accepted")).body("results[0].id", equalTo(events.get(0).get("id")));
        Pipeline.awaitStored(content, 2);
        send(events).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        assertEquals(1, Pipeline.dailyViews(content));
        assertEquals(2, Pipeline.count("SELECT count(*) FROM raw_events WHERE content_id = ?", content));
    }

    @Test
    void theSameIdTwiceInOneBatchCountsOnce() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        Map<String, Object> view = event(content, "view");

        send(List.of(view, view)).statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        Pipeline.awaitStored(content, 1);
        assertEquals(1, Pipeline.dailyViews(content));
    }

    @Test
    void eachEventIsJudgedOnItsOwn() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        Map<String, Object> good = event(content, "view");
        Map<String, Object> unknownType = event(content, "teleport");
        Map<String, Object> badId = event(content, "view");
        badId.put("id", "not-a-uuid");
        Map<String, Object> unknownContent = event(UUID.randomUUID().toString(), "view");
        Map<String, Object> future = event(content, "view");
        future.put("occurred_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        Map<String, Object> old = event(content, "view");
        old.put("occurred_at", Instant.now().minus(36, ChronoUnit.DAYS).toString());
        Map<String, Object> valueNotObject = event(content, "click");
        valueNotObject.put("event_value", "clicked");

        send(List.of(good, unknownType, badId, unknownContent, future, old, valueNotObject)).statusCode(207)
                .body("accepted", equalTo(1)).body("refused", equalTo(6))
                .body("results[0].status", equalTo("accepted")).body("results[0].problem", nullValue())
                .body("results[1].problem.type", equalTo("https://mustbeviral.com/problems/unknown-event-type"))
                .body("results[2].problem.type", equalTo("https://mustbeviral.com/problems/invalid-event"))
                .body("results[2].problem.detail", equalTo("events[2].id 'not-a-uuid' is not a UUID."))
                .body("results[2].id", nullValue())
                .body("results[3].problem.type", equalTo("https://mustbeviral.com/problems/unknown-content"))
                .body("results[4].problem.type", equalTo("https://mustbeviral.com/problems/event-from-the-future"))
                .body("results[4].problem.detail", equalTo("events[4].occurred_at lies more than PT5M ahead of the server clock."))
                .body("results[5].problem.type", equalTo("https://mustbeviral.com/problems/event-too-old"))
                .body("results[6].problem.type", equalTo("https://mustbeviral.com/problems/invalid-event"))
                .body("results[6].problem.status", equalTo(422));
        Pipeline.awaitStored(content, 1);
        assertEquals(1, Pipeline.count("SELECT count(*) FROM raw_events WHERE id = unhex(replace(?, '-', ''))", good.get("id")));
    }

    @Test
    void knownBotsAreDroppedAndCountedApart() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        long day = Instant.now().truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        long before = Pipeline.count("SELECT coalesce(max(count), 0) FROM bot_events WHERE day = ?", day);

        given().contentType(ContentType.JSON).header("User-Agent", Pipeline.Browsers.GOOGLEBOT)
                .body(Map.of("events", List.of(event(content, "view"), event(content, "view")))).post("/api/events")
                .then().statusCode(202).body("accepted", equalTo(0)).body("bots", equalTo(2))
                .body("results[0].status", equalTo("bot"));

        assertEquals(before + 2, Pipeline.count("SELECT count FROM bot_events WHERE day = ?", day));
        // A real visitor's event after the bot's is stored; the bot's never were.
        send(List.of(event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 1);
    }

    @Test
    void aSignedInUserIsCountedByIdAndOnlyAnonymouslyOnceTheyWithdrewConsent() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        TestTokens reader = TestTokens.user();
        String readerId = reader.claimValue("sub");

        Pipeline.sendAs(reader, List.of(event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 1);
        assertEquals(1, Pipeline.count("SELECT count(*) FROM raw_events WHERE content_id = ? AND user_id = ?", content, readerId));

        Pipeline.consentChanged(readerId, false);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Pipeline.count("SELECT count(*) FROM analytics_opt_outs WHERE user_id = ?", readerId) == 1);
        Pipeline.sendAs(reader, List.of(event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 2);
        assertEquals(1, Pipeline.count("SELECT count(*) FROM raw_events WHERE content_id = ? AND user_id IS NULL", content));
    }

    @Test
    void aTokenThatFailsItsChecksCountsAsAnonymous() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        Pipeline.sendAs(TestTokens.user().expiresIn(java.time.Duration.ofMinutes(-10)), List.of(event(content, "view")))
                .statusCode(202).body("accepted", equalTo(1));
        Pipeline.awaitStored(content, 1);
        assertEquals(1, Pipeline.count("SELECT count(*) FROM raw_events WHERE content_id = ? AND user_id IS NULL", content));
    }

    @Test
    void emptyBatchIsABadRequest() {
        assertProblem(send(List.of()), 400);
    }

    @Test
    void batchOverFiveHundredEventsIsABadRequest() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(event(UUID.randomUUID().toString(), "view"));
        }
        assertProblem(send(events), 400);
    }

    @Test
    void aBodyWithoutEventsIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("event", List.of())).post("/api/events").then(), 400);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"events\": [").post("/api/events").then(), 400);
    }

    @Test
    void nonJsonContentTypeIsUnsupported() {
        assertProblem(given().contentType(ContentType.XML).body("<events/>").post("/api/events").then(), 415);
    }

    @Test
    void oversizedBodyIsRefused() {
        assertProblem(given().contentType(ContentType.JSON).body("x".repeat(2 * 1024 * 1024))
                .post("/api/events").then(), 413);
    }

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(given().get("/api/analytics/unknown/route").then(), 404);
    }

    @Test
    void wrongMethodIsNotAllowed() {
        assertProblem(given().get("/api/events").then(), 405);
    }
}
