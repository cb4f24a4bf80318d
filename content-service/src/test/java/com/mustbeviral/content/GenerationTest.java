package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.usage.Feature;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** POST /api/content/generate: a checked draft from the provider, counted once against the plan, or nothing. */
@QuarkusTest
class GenerationTest {

    private static final String ASK = "{\"prompt\":\"Five habits of calm people\",\"type\":\"blog_post\","
            + "\"tone\":\"warm\",\"length\":\"short\",\"tags\":[\"Calm\"]}";

    @Inject
    UsageMeter meter;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "content.usage.free.ai-generations")
    long freeGenerations;

    @Test
    void aGenerationBecomesTheCallersDraftWithItsProvenanceAndIsCountedOnce() throws Exception {
        Authors author = Authors.creator();

        String id = author.as().contentType(ContentType.JSON).body(ASK).post("/api/content/generate").then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith("/api/content/" + author.as().get("/api/content").then().extract()
                        .path("data[0].id")))
                .body("author_id", equalTo(author.id))
                .body("status", equalTo("draft"))
                .body("visibility", equalTo("private"))
                .body("ai_generated", equalTo(true))
                .body("ai_metadata.provider", equalTo("local-outline"))
                .body("ai_metadata.model", equalTo("none"))
                .body("ai_metadata.prompt", equalTo("Five habits of calm people"))
                .body("ai_metadata.local_outline", equalTo(true))
                // The outline's heading, not the note above it that says no model wrote it.
                .body("title", equalTo("Five habits of calm people"))
                .body("tags", equalTo(List.of("calm")))
                .extract().path("id");

        assertEquals(1, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).used());
        assertEquals(0, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).reserved());
        assertEquals(1, usageEvents(author.id));
        assertEquals(List.of("content.created"), Outboxed.types(dataSource, id));
    }

    @Test
    void overTheLimitIs402WithTheLimitAndNothingIsSavedOrCounted() throws Exception {
        Authors author = Authors.creator();
        for (int i = 0; i < freeGenerations; i++) {
            author.as().contentType(ContentType.JSON).body(ASK).post("/api/content/generate").then().statusCode(201);
        }

        assertProblem(author.as().contentType(ContentType.JSON).body(ASK).post("/api/content/generate").then(), 402)
                .header("Link", "</api/billing/plans>; rel=\"payment\"")
                .body("limit", equalTo("ai_generations"))
                .body("allowed", equalTo((int) freeGenerations));

        author.as().get("/api/content?limit=100").then().body("data.size()", equalTo((int) freeGenerations));
        assertEquals(freeGenerations, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).used());
        assertEquals(freeGenerations, usageEvents(author.id));
    }

    @Test
    void withAcceptEventStreamTheTextStreamsThenTheSavedDraftFollows() throws Exception {
        Authors author = Authors.creator();

        String stream = author.as().contentType(ContentType.JSON).accept("text/event-stream").body(ASK)
                .post("/api/content/generate").then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream"))
                .extract().asString();

        assertTrue(stream.contains("event:token") || stream.contains("event: token"), stream);
        int draft = Math.max(stream.indexOf("event:draft"), stream.indexOf("event: draft"));
        assertTrue(draft > Math.max(stream.lastIndexOf("event:token"), stream.lastIndexOf("event: token")),
                "the draft comes after every token: " + stream);
        String id = author.as().get("/api/content").then().statusCode(200).extract().path("data[0].id");
        assertTrue(stream.contains(id), stream);
        assertEquals(1, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).used());
    }

    @Test
    void aRequestWithoutAPromptIsA400AndNothingIsHeld() throws Exception {
        Authors author = Authors.creator();

        assertProblem(author.as().contentType(ContentType.JSON).body("{\"type\":\"blog_post\"}")
                .post("/api/content/generate").then(), 400);

        assertEquals(0, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).reserved());
        assertEquals(0, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).used());
    }

    @Test
    void anUnknownTypeIsA400AndNothingIsHeld() throws Exception {
        Authors author = Authors.creator();

        assertProblem(author.as().contentType(ContentType.JSON)
                .body("{\"prompt\":\"Five habits\",\"type\":\"novel\"}").post("/api/content/generate").then(), 400);

        assertEquals(0, meter.usage(UUID.fromString(author.id), Feature.AI_GENERATIONS).used());
    }

    @Test
    void aPartnerTokenWithNoUserBehindItGenerates403() {
        assertProblem(given().header("Authorization", TestTokens.partner("app", "content:write").asBearer())
                .contentType(ContentType.JSON).body(ASK).post("/api/content/generate").then(), 403);
    }

    private long usageEvents(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE subject = ? AND topic = 'billing.usage' AND event_type = 'usage.incremented'")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
