package com.mustbeviral.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.analytics.EngagementDelta;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** analytics.engagement deltas (the contract's example) move the counts once per event id, never below zero. */
@QuarkusTest
class EngagementTest {

    private static final String ANALYTICS = "urn:mustbeviral:analytics-service";

    @Test
    void deltasAddUpOncePerEventAndNeverBelowZero() throws Exception {
        Authors author = Authors.creator();
        String id = author.published("Counted");
        String example = ExamplePayloads.of(EngagementDelta.TYPE).replace("0b9d6c3e-52a1-4f7e-9a43-2d1f7c8e5a10", id);
        var first = CloudEventRecords.of(ANALYTICS, Topics.ANALYTICS_ENGAGEMENT, id, UUID.randomUUID().toString(),
                EngagementDelta.TYPE, id, example);
        var unlikes = CloudEventRecords.of(ANALYTICS, Topics.ANALYTICS_ENGAGEMENT, id, UUID.randomUUID().toString(),
                EngagementDelta.TYPE, id, example.replace("\"likes\": 14", "\"likes\": -20").replace("\"views\": 120", "\"views\": 1"));
        CloudEventRecords.send(first, first, unlikes);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/content/" + id).then()
                .body("engagement.views", equalTo(121)).body("engagement.likes", equalTo(0))
                .body("engagement.shares", equalTo(6)).body("engagement.comments", equalTo(4)));
        // The ETag is the author's: engagement does not move it.
        author.as().get("/api/content/" + id).then().header("ETag", "\"2\"");
    }
}
