package com.mustbeviral.analytics;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void acceptsABatchAndCountsARetriedBatchOnce() throws Exception {
        String contentId = UUID.randomUUID().toString();
        List<Map<String, Object>> events = List.of(event(contentId, "view"), event(contentId, "like"));

        given().contentType(ContentType.JSON).body(Map.of("events", events)).post("/api/events")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("events", events)).post("/api/events")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        assertEquals(2, storedFor(contentId));
    }

    @Test
    void aBatchWithOneInvalidEventStoresNothing() throws Exception {
        String contentId = UUID.randomUUID().toString();
        Map<String, Object> bad = event(contentId, "view");
        bad.put("occurred_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());

        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("events", List.of(event(contentId, "view"), bad))).post("/api/events").then(), 400)
                .body("type", equalTo("https://mustbeviral.com/problems/event-from-the-future"))
                .body("detail", equalTo("events[1].occurred_at lies more than PT5M ahead of the server clock."));
        assertEquals(0, storedFor(contentId));
    }

    @Test
    void unknownEventTypeIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("events", List.of(event(UUID.randomUUID().toString(), "teleport"))))
                .post("/api/events").then(), 400);
    }

    @Test
    void missingContentIdIsABadRequest() {
        Map<String, Object> e = event(UUID.randomUUID().toString(), "view");
        e.remove("content_id");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("events", List.of(e)))
                .post("/api/events").then(), 400);
    }

    @Test
    void emptyBatchIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("events", List.of()))
                .post("/api/events").then(), 400);
    }

    @Test
    void batchOverFiveHundredEventsIsABadRequest() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(event(UUID.randomUUID().toString(), "view"));
        }
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("events", events))
                .post("/api/events").then(), 400);
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

    private static Map<String, Object> event(String contentId, String type) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("content_id", contentId);
        e.put("occurred_at", Instant.now().minusSeconds(5).toString());
        e.put("properties", Map.of("referrer", "newsletter"));
        return e;
    }

    private long storedFor(String contentId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM raw_events WHERE content_id = ?")) {
            ps.setString(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
