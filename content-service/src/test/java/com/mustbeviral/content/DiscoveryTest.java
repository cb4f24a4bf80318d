package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.search.EmbeddingWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recommendations (near what the user writes, mixed with trending, never their own) and similar creators. */
@QuarkusTest
class DiscoveryTest {

    @Inject
    EmbeddingWorker worker;

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
}
