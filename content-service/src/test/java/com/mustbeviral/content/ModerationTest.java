package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ethics check on create and update, and the moderation queue that follows a flag. */
@QuarkusTest
class ModerationTest {

    private static final String WITH_EMAIL = "Write to me at jane.doe@example.org any time.";
    private static final String CLEAN = "Write to me through the contact form any time.";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFailingTextIsRefusedWithItsReasonsAndNothingIsSaved() {
        Authors author = Authors.creator();
        assertProblem(author.create("Pay me", "My card is 4111 1111 1111 1111, thanks.").then(), 422)
                .body("type", equalTo("https://mustbeviral.com/problems/ethics-check-failed"))
                .body("flags.code", contains("personal_data.card_number"))
                .body("flags[0].detail", equalTo("The text contains a payment card number."));
        author.as().get("/api/content").then().body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void anUpdateThatFailsLeavesTheStoredVersion() {
        Authors author = Authors.creator();
        String id = author.draft("Fine so far");
        assertProblem(author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"body\":\"Card 4111 1111 1111 1111 here.\"}").patch("/api/content/" + id).then(), 422);
        author.as().get("/api/content/" + id).then().header("ETag", "\"1\"").body("body", equalTo("A body long enough to pass the rules."));
    }

    @Test
    void aFlaggedPieceWaitsInTheQueueAsItWasFlaggedAndAnApprovalSticks() throws Exception {
        Authors author = Authors.creator();
        Authors moderator = Authors.moderator();
        String id = author.create("Contact me", WITH_EMAIL).then().statusCode(201)
                .body("status", equalTo("pending_review"))
                .body("ethics.status", equalTo("flagged"))
                .body("ethics.flags[0].code", equalTo("personal_data.email"))
                .body("ethics.thresholds.personal_data.review", equalTo(0.5f))
                .extract().path("id");
        assertEquals(List.of("content.created", "content.flagged"), Outboxed.types(dataSource, id));
        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409);

        // The author edits while it waits: the moderator still sees the flagged version.
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"body\":\"" + CLEAN + "\"}").patch("/api/content/" + id).then().statusCode(200)
                .body("status", equalTo("pending_review"));
        moderator.as().get("/api/moderation/queue?limit=100").then().statusCode(200)
                .body("data.content.id", hasItem(id))
                .body("data.find { it.content.id == '" + id + "' }.flagged_version", equalTo(1))
                .body("data.find { it.content.id == '" + id + "' }.flagged_content.body", equalTo(WITH_EMAIL))
                .body("data.find { it.content.id == '" + id + "' }.content.body", equalTo(CLEAN));

        moderator.as().contentType(ContentType.JSON).body("{\"decision\":\"approve\",\"reason\":\"A public address\"}")
                .post("/api/moderation/" + id + "/decision").then().statusCode(200).body("status", equalTo("draft"));
        moderator.as().get("/api/moderation/queue?limit=100").then().body("data.content.id", not(hasItem(id)));
        // Back to the approved text: not flagged again.
        author.as().header("If-Match", "\"3\"").contentType("application/merge-patch+json")
                .body("{\"body\":\"" + WITH_EMAIL + "\"}").patch("/api/content/" + id).then().statusCode(200)
                .body("status", equalTo("draft"));
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT decision, content_version, reviewer_id FROM review_decisions WHERE content_id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals("approved", rs.getString(1));
                assertEquals(1, rs.getLong(2));
                assertEquals(moderator.id, rs.getString(3));
            }
        }
    }

    @Test
    void rejectedContentCannotBePublishedUntilAnEditPasses() throws Exception {
        Authors author = Authors.creator();
        Authors moderator = Authors.moderator();
        String id = author.create("Contact me", WITH_EMAIL).then().statusCode(201).extract().path("id");
        assertProblem(moderator.as().contentType(ContentType.JSON).body("{\"decision\":\"reject\"}")
                .post("/api/moderation/" + id + "/decision").then(), 400);
        moderator.as().contentType(ContentType.JSON).body("{\"decision\":\"reject\",\"reason\":\"Private address\"}")
                .post("/api/moderation/" + id + "/decision").then().statusCode(200).body("status", equalTo("rejected"));
        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409)
                .body("type", equalTo("https://mustbeviral.com/problems/rejected-content"));
        assertProblem(moderator.as().contentType(ContentType.JSON).body("{\"decision\":\"approve\"}")
                .post("/api/moderation/" + id + "/decision").then(), 409);
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"body\":\"" + CLEAN + "\"}").patch("/api/content/" + id).then().statusCode(200)
                .body("status", equalTo("draft"));
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        assertEquals(List.of("content.created", "content.flagged", "content.reviewed", "content.updated", "content.updated",
                "content.published"), Outboxed.types(dataSource, id));
    }

    @Test
    void aModeratorMayFlagPublishedContentAndOnlyStaffSeeTheQueue() throws Exception {
        Authors author = Authors.creator();
        String id = author.published("Reported");
        Authors.moderator().as().contentType(ContentType.JSON).body("{\"reason\":\"reported\"}")
                .post("/api/moderation/" + id + "/flag").then().statusCode(200).body("status", equalTo("pending_review"));
        assertProblem(io.restassured.RestAssured.given().get("/api/content/" + id).then(), 404);
        assertProblem(author.as().get("/api/moderation/queue").then(), 403);
        assertProblem(author.as().contentType(ContentType.JSON).body("{\"decision\":\"approve\"}")
                .post("/api/moderation/" + id + "/decision").then(), 403);
        assertProblem(Authors.admin().as().contentType(ContentType.JSON).body("{\"decision\":\"maybe\"}")
                .post("/api/moderation/" + id + "/decision").then(), 400);
        assertEquals("content.flagged", Outboxed.types(dataSource, id).get(3));
    }

    @Test
    void aiDraftsRecordTheirProvenanceAndAreFlaggedWithoutDisclosure(
            ) throws Exception {
        // Through the service method the generate endpoint will call.
        Authors author = Authors.creator();
        var contents = io.quarkus.arc.Arc.container().instance(com.mustbeviral.content.service.Contents.class).get();
        var draft = new com.mustbeviral.content.service.Draft("blog_post", "text", "private", "An outline",
                "Ten habits of creators who publish every week.", null, null, null, null, null, null, null, null);
        var c = contents.createDraft(com.mustbeviral.content.service.Caller.person(author.id, "creator"), draft,
                new com.mustbeviral.content.service.AiProvenance("local", "outline-v1", "habits", 3, 40, 12, true));
        assertEquals("pending_review", c.status());
        author.as().get("/api/content/" + c.id()).then().statusCode(200)
                .body("ai_generated", equalTo(true))
                .body("ai_metadata.provider", equalTo("local"))
                .body("ai_metadata.completion_tokens", equalTo(40))
                .body("ethics.flags[0].code", equalTo("ai_disclosure.missing"));
    }
}
