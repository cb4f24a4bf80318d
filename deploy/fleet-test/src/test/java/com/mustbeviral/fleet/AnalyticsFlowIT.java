package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's first named flow through the gateway: content published → content.events → analytics
 * tracks it → events sent for it (a signed-in reader's and anonymous ones) → the author's dashboard
 * shows exactly those counts → the same batch again changes nothing → the reader deletes their
 * account → their events leave the rollups.
 */
@ExtendWith(RunningFleet.class)
class AnalyticsFlowIT {

    private static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    @Test
    void publishedContentsEventsReachItsDashboardOnceAndADeletedReadersLeave() throws Exception {
        String author = FleetAccounts.login(FleetAccounts.register().username());
        String id = given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(Map.of("type", "blog_post", "visibility", "public", "title", "Counted in the fleet",
                        "body", "A short piece whose readers are counted exactly once."))
                .post("/api/content").then().statusCode(201).extract().path("id");
        given().auth().oauth2(author).post("/api/content/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("published"));
        // content.published → analytics: the dashboard exists once analytics tracks the piece.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(author)
                .get("/api/analytics/content/" + id).then().extract().statusCode() == 200);

        String reader = FleetAccounts.login(FleetAccounts.register().username());
        List<Map<String, Object>> readersEvents = List.of(event(id, "view"), event(id, "like"));
        List<Map<String, Object>> anonymousEvents = List.of(event(id, "view"), event(id, "view"), event(id, "share"));
        send(reader, readersEvents).statusCode(202).body("accepted", equalTo(2));
        send(null, anonymousEvents).statusCode(202).body("accepted", equalTo(3));

        await().atMost(Duration.ofSeconds(30)).until(() -> totals(author, id).getInt("views") == 3);
        assertTotals(author, id, 3, 1, 1, 2);

        // The same batches again: accepted as duplicates, counted never.
        send(reader, readersEvents).statusCode(202).body("duplicates", equalTo(2)).body("accepted", equalTo(0));
        send(null, anonymousEvents).statusCode(202).body("duplicates", equalTo(3));
        Thread.sleep(2000);
        assertTotals(author, id, 3, 1, 1, 2);

        // The reader leaves: user.deleted → their view and like are taken out of the rollups.
        given().auth().oauth2(reader).delete("/api/users/me").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> totals(author, id).getInt("views") == 2);
        assertTotals(author, id, 2, 0, 1, 1);
    }

    private static void assertTotals(String author, String id, int views, int likes, int shares, int visitors) {
        JsonPath totals = totals(author, id);
        assertEquals(views, totals.getInt("views"));
        assertEquals(likes, totals.getInt("likes"));
        assertEquals(shares, totals.getInt("shares"));
        assertEquals(visitors, totals.getInt("unique_visitors"));
    }

    private static JsonPath totals(String author, String id) {
        return given().auth().oauth2(author).get("/api/analytics/content/" + id).then().statusCode(200).extract()
                .jsonPath().setRootPath("totals");
    }

    private static io.restassured.response.ValidatableResponse send(String token, List<Map<String, Object>> events) {
        var request = given().contentType(ContentType.JSON).header("User-Agent", PHONE);
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.body(Map.of("events", events)).post("/api/events").then();
    }

    private static Map<String, Object> event(String contentId, String type) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("event_type", type);
        e.put("content_id", contentId);
        e.put("occurred_at", Instant.now().minusSeconds(2).toString());
        e.put("attribution", Map.of("source", "newsletter"));
        return e;
    }
}
