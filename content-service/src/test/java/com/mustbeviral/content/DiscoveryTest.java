package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.search.EmbeddingWorker;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.analytics.ReaderEngaged;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Recommendations (near what the user reads and writes, mixed with trending, never their own nor what they
 * read) and similar creators.
 */
@QuarkusTest
class DiscoveryTest {

    private static final String ANALYTICS = "urn:mustbeviral:analytics-service";

    @Inject
    EmbeddingWorker worker;

    @Inject
    AgroalDataSource dataSource;

    private static String piece(Authors author, String title, String body, boolean publish) {
        String id = author.as().contentType(ContentType.JSON).body(Authors.json(title, body, "public")).post("/api/content")
                .then().statusCode(201).extract().path("id");
        if (publish) {
            author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        }
        return id;
    }

    @Test
    void creatorsAreMatchedByWhatTheyPublish() throws Exception {
        Authors baker = Authors.creator();
        Authors otherBaker = Authors.creator();
        Authors runner = Authors.creator();
        piece(baker, "Rye loaves", "Dark rye flour, caraway seeds and a long cold proof make a dense sour loaf.", true);
        piece(baker, "Croissant lamination", "Fold cold butter into the dough three times for flaky pastry layers.", true);
        piece(otherBaker, "Baguettes at home", "Shape the dough into long loaves, score them and bake with steam.", true);
        piece(otherBaker, "Brioche buns", "Eggs and butter enrich this soft dough for burger buns.", true);
        piece(runner, "Trail running shoes", "Grip, cushioning and a rock plate for long mountain runs.", true);
        piece(runner, "Interval sessions", "Repeat fast 400 metre laps on the track with short recoveries.", true);
        worker.drain();
        List<String> matches = given().get("/api/content/creators/" + baker.id + "/similar").then().statusCode(200)
                .extract().path("creator_id");
        assertEquals(otherBaker.id, matches.get(0), "the other baker first: " + matches);
        assertFalse(matches.contains(baker.id));
        assertTrue(given().get("/api/content/creators/" + Authors.creator().id + "/similar").then().statusCode(200)
                .extract().<List<?>>path("$").isEmpty(), "a creator who published nothing has no profile");
        assertProblem(given().get("/api/content/creators/nobody/similar").then(), 400);
    }

    @Test
    void recommendationsAreNearWhatTheUserWritesNeverTheirOwnAndTrendingForANewUser() throws Exception {
        Authors gardener = Authors.creator();
        Authors writer = Authors.creator();
        String mine = piece(gardener, "Planting garlic", "Push cloves into loose soil in autumn, pointy end up, and mulch them.", false);
        String compost = piece(writer, "Compost basics", "Greens, browns, air and water turn kitchen scraps into soil for beds.", true);
        String seeds = piece(writer, "Sowing seeds in spring", "Sow tomato and pepper seeds indoors, then plant out after frost.", true);
        worker.drain();
        List<String> forGardener = gardener.as().get("/api/content/recommended?limit=20").then().statusCode(200)
                .extract().path("data.content.id");
        assertFalse(forGardener.contains(mine), "never the user's own");
        assertTrue(forGardener.subList(0, 2).containsAll(List.of(compost, seeds)) || forGardener.indexOf(compost) < 3,
                "garden pieces come first: " + forGardener);
        Authors newcomer = Authors.creator();
        List<String> forNewcomer = newcomer.as().get("/api/content/recommended?limit=50").then().statusCode(200)
                .extract().path("data.content.id");
        assertTrue(forNewcomer.contains(compost) && forNewcomer.contains(seeds), "trending for a new user: " + forNewcomer);
        assertProblem(given().get("/api/content/recommended").then(), 401);
    }

    @Test
    void recommendationsFollowWhatTheReaderEngagedWithAndLeaveItOut() throws Exception {
        Authors writer = Authors.creator();
        // Published in this order, so that trending alone (newest first at equal engagement) would put the
        // chess piece first and the climb before the descent.
        String descent = piece(writer, "Descending on a road bike", "Brake before the bend, look through the corner and lean the bicycle.", true);
        String climb = piece(writer, "Alpine cycling climbs", "Gear down early on long mountain passes and keep a steady cadence on the bike.", true);
        piece(Authors.creator(), "Chess openings", "The Sicilian defence answers e4 with c5 and fights for the centre from the side.", true);
        worker.drain();
        Authors reader = Authors.creator(); // has written nothing
        String example = ExamplePayloads.of(ReaderEngaged.TYPE).replace("6f1c1a4e-8d4b-4a39-9a52-3c8f9e0b7d21", reader.id)
                .replace("0b9d6c3e-52a1-4f7e-9a43-2d1f7c8e5a10", climb);
        var liked = CloudEventRecords.of(ANALYTICS, Topics.ANALYTICS_ENGAGEMENT, reader.id, UUID.randomUUID().toString(),
                ReaderEngaged.TYPE, reader.id, example);
        var viewed = CloudEventRecords.of(ANALYTICS, Topics.ANALYTICS_ENGAGEMENT, reader.id, UUID.randomUUID().toString(),
                ReaderEngaged.TYPE, reader.id, example.replace("\"like\"", "\"view\""));
        var withoutUser = CloudEventRecords.of(ANALYTICS, Topics.ANALYTICS_ENGAGEMENT, reader.id, UUID.randomUUID().toString(),
                ReaderEngaged.TYPE, reader.id, example.replace("\"user_id\": \"" + reader.id + "\",", ""));
        CloudEventRecords.send(withoutUser, liked, liked, viewed);

        // The broken record goes to the dead letters; the ones after it are kept once, kinds together.
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(8 | 1, kindsRead(reader.id, climb)));
        assertEquals(1, rowsRead(reader.id));
        List<String> forReader = reader.as().get("/api/content/recommended?limit=20").then().statusCode(200)
                .extract().path("data.content.id");
        assertEquals(descent, forReader.get(0), "nearest to what was read first: " + forReader);
        assertFalse(forReader.contains(climb), "never what was read already: " + forReader);
    }

    private int kindsRead(String userId, String contentId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT kinds FROM reading_history WHERE user_id = ? AND content_id = ?")) {
            ps.setString(1, userId);
            ps.setString(2, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private int rowsRead(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM reading_history WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
