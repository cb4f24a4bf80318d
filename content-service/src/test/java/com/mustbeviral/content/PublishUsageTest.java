package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.content.event.ContentEvents;
import com.mustbeviral.content.event.FailingContentEvents;
import com.mustbeviral.content.service.PublishScheduler;
import com.mustbeviral.content.usage.Feature;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Publications are metered per plan: counted against the author in the publish (or schedule)
 * transaction, refused with 402 over the limit, and never counted when the publication does not happen.
 */
@QuarkusTest
class PublishUsageTest {

    @Inject
    UsageMeter meter;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    PublishScheduler scheduler;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "content.usage.free.publishes")
    long freePublishes;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aPublicationIsCountedOnceWithItsUsageEvent() throws Exception {
        Authors author = Authors.creator();

        author.published("Counted");

        assertEquals(1, used(author));
        assertEquals(List.of("publishes"), usageFeatures(author.id));
    }

    @Test
    void overTheLimitIs402AndThePieceStaysADraftWithNothingCounted() throws Exception {
        Authors author = Authors.creator();
        for (int i = 0; i < freePublishes; i++) {
            author.published("Piece " + i);
        }
        String id = author.draft("One too many");

        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 402)
                .body("type", equalTo("https://mustbeviral.com/problems/usage-limit-reached"))
                .header("Link", "</api/billing/plans>; rel=\"payment\"")
                .body("limit", equalTo("publishes"))
                .body("allowed", equalTo((int) freePublishes))
                .body("used", equalTo((int) freePublishes));

        author.as().get("/api/content/" + id).then().body("status", equalTo("draft")).header("ETag", "\"1\"");
        assertEquals(List.of("content.created"), Outboxed.types(dataSource, id));
        assertEquals(freePublishes, used(author));
        assertEquals(freePublishes, usageFeatures(author.id).size());
    }

    @Test
    void aPublicationRefusedForItsStatusCountsNothing() throws Exception {
        Authors author = Authors.creator();
        String id = author.published("Once");

        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409);
        author.as().post("/api/content/" + id + "/archive").then().statusCode(200);
        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409);

        assertEquals(1, used(author));
        assertEquals(1, usageFeatures(author.id).size());
    }

    @Test
    void aPublicationThatFailsAfterItsCountTakesTheCountWithIt() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Fails late");
        // content.published fails once: after the count, inside the same transaction.
        QuarkusMock.installMockForType(new FailingContentEvents(outbox), ContentEvents.class);

        author.as().post("/api/content/" + id + "/publish").then().statusCode(500);

        author.as().get("/api/content/" + id).then().body("status", equalTo("draft"));
        assertEquals(0, used(author));
        assertEquals(List.of(), usageFeatures(author.id));
    }

    @Test
    void anotherUsersPublicationIsCountedAgainstTheAuthor() throws Exception {
        Authors author = Authors.creator();
        Authors admin = Authors.admin();
        String id = author.draft("Published by staff");

        admin.as().post("/api/content/" + id + "/publish").then().statusCode(200);

        assertEquals(1, used(author));
        assertEquals(0, used(admin));
    }

    @Test
    void aScheduledPublicationIsCountedWhenScheduledAndNotAgainWhenItGoesOut() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Later");

        schedule(author, id).then().statusCode(200);
        assertEquals(1, used(author));

        clock.advance(Duration.ofHours(2));
        scheduler.publishDue();
        author.as().get("/api/content/" + id).then().body("status", equalTo("published"));
        assertEquals(1, used(author));
        assertEquals(List.of("publishes"), usageFeatures(author.id));
    }

    @Test
    void overTheLimitASchedulingIs402AndThePieceStaysADraft() throws Exception {
        Authors author = Authors.creator();
        List<String> scheduled = new ArrayList<>();
        for (int i = 0; i < freePublishes; i++) {
            String id = author.draft("Queued " + i);
            schedule(author, id).then().statusCode(200);
            scheduled.add(id);
        }
        String id = author.draft("Not this one");

        assertProblem(schedule(author, id).then(), 402).body("limit", equalTo("publishes"));

        author.as().get("/api/content/" + id).then().body("status", equalTo("draft"));
        assertEquals(List.of("content.created"), Outboxed.types(dataSource, id));
        assertEquals(freePublishes, used(author));
        // What was counted goes out without a second count.
        clock.advance(Duration.ofHours(2));
        scheduler.publishDue();
        for (String queued : scheduled) {
            author.as().get("/api/content/" + queued).then().body("status", equalTo("published"));
        }
        assertEquals(freePublishes, used(author));
    }

    private io.restassured.response.Response schedule(Authors author, String id) {
        return author.as().contentType(ContentType.JSON)
                .body("{\"publish_at\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}")
                .post("/api/content/" + id + "/schedule");
    }

    private long used(Authors who) throws SQLException {
        return meter.usage(UUID.fromString(who.id), Feature.PUBLISHES).used();
    }

    /** The feature of each usage.incremented in the outbox for the user, in commit order. */
    private List<String> usageFeatures(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT json_extract(payload, '$.feature') FROM outbox WHERE subject = ? AND topic = 'billing.usage'"
                        + " AND event_type = 'usage.incremented' ORDER BY position")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> features = new ArrayList<>();
                while (rs.next()) {
                    features.add(rs.getString(1));
                }
                return features;
            }
        }
    }
}
