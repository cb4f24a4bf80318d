package com.mustbeviral.analytics;

import static com.mustbeviral.analytics.Pipeline.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.analytics.service.RollupCheck;
import com.mustbeviral.analytics.service.VisitorIds;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** user.deleted: the user's raw events gone and their contribution taken out of the rollups, for good. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class ErasureTest {

    @Inject
    RollupCheck check;

    @Test
    void aDeletedUsersEventsLeaveTheRawEventsTheRollupsTheTotalsAndTheVisitors() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        TestTokens leaving = TestTokens.user();
        TestTokens staying = TestTokens.user();
        String leavingId = leaving.claimValue("sub");
        List<Map<String, Object>> theirs = List.of(event(content, "view"), event(content, "like"), event(content, "view"));
        Pipeline.sendAs(leaving, theirs).statusCode(202);
        Pipeline.sendAs(staying, List.of(event(content, "view"))).statusCode(202);
        Pipeline.send(List.of(event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 5);
        assertEquals(4, Pipeline.dailyViews(content));
        assertEquals(3, Pipeline.count("SELECT count(*) FROM visitors WHERE content_id = ? AND granularity = 'day'", content));

        Pipeline.userDeleted(leavingId);

        Pipeline.awaitStored(content, 2);
        assertEquals(2, Pipeline.dailyViews(content));
        assertEquals(2, Pipeline.count("SELECT sum(views) FROM rollups WHERE content_id = ? AND granularity = 'hour'", content));
        assertEquals(0, Pipeline.count("SELECT sum(likes) FROM rollups WHERE content_id = ?", content));
        assertEquals(2, Pipeline.count("SELECT views FROM content_stats WHERE content_id = ?", content));
        assertEquals(0, Pipeline.count("SELECT likes FROM content_stats WHERE content_id = ?", content));
        assertEquals(0, Pipeline.count("SELECT count(*) FROM visitors WHERE visitor = ?",
                VisitorIds.ofUser(UUID.fromString(leavingId))));
        assertEquals(2, Pipeline.count("SELECT count(*) FROM visitors WHERE content_id = ? AND granularity = 'day'", content));
        assertTrue(check.check(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now()).isEmpty());
    }

    @Test
    void aCopyOfAnErasedUsersEventStillTravellingIsNotCountedAgain() throws Exception {
        String content = Pipeline.published(Pipeline.creator());
        TestTokens leaving = TestTokens.user();
        String leavingId = leaving.claimValue("sub");
        Map<String, Object> view = event(content, "view");
        Pipeline.sendAs(leaving, List.of(view)).statusCode(202);
        Pipeline.awaitStored(content, 1);
        Pipeline.userDeleted(leavingId);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Pipeline.count("SELECT count(*) FROM erased_users WHERE user_id = ?", leavingId) == 1);

        // The same event again on analytics.raw, as the aggregator's redelivery would bring it, then a newer one.
        String payload = ExamplePayloads.of(EngagementRecorded.TYPE).replace(Pipeline.EXAMPLE_CONTENT, content)
                .replace("3c0e9d5a-1f2b-4c7d-8e9f-0a1b2c3d4e5f", view.get("id").toString())
                .replace("\"user_id\": null", "\"user_id\": \"" + leavingId + "\"");
        CloudEventRecords.send(CloudEventRecords.of("urn:mustbeviral:analytics-service", Topics.ANALYTICS_RAW, content,
                view.get("id").toString(), EngagementRecorded.TYPE, content, payload));
        Pipeline.send(List.of(event(content, "like"))).statusCode(202);
        Pipeline.awaitStored(content, 1);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Pipeline.count("SELECT likes FROM content_stats WHERE content_id = ?", content) == 1);
        assertEquals(0, Pipeline.dailyViews(content));
    }
}
