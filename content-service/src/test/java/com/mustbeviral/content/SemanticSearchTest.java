package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.search.EmbeddingWorker;
import com.mustbeviral.content.search.VectorJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Semantic and hybrid search, similar content, and the vector index's queue. The ranking corpus is
 * written for these tests: twelve pieces on distinct subjects, and queries that mostly share no word
 * with the piece they must find in the top 3.
 */
@QuarkusTest
class SemanticSearchTest {

    @Inject
    EmbeddingWorker worker;

    @Inject
    VectorJobs jobs;

    private static final Map<String, String[]> CORPUS = new LinkedHashMap<>();

    static {
        CORPUS.put("sourdough", new String[] { "Sourdough at home",
                "Feed the starter, mix flour and water, proof overnight, and the crust comes out crisp from a hot oven." });
        CORPUS.put("marathon", new String[] { "Marathon training plan",
                "Sixteen weeks of long runs, tempo intervals and easy miles before race day, with a taper at the end." });
        CORPUS.put("retirement", new String[] { "Saving for retirement",
                "Index funds, a pension account and compound interest: put a share of every salary away for later." });
        CORPUS.put("balcony", new String[] { "Tomatoes on a balcony",
                "Pick deep pots, good soil and a sunny corner; water daily and pinch the side shoots of each plant." });
        CORPUS.put("python", new String[] { "Learning Python",
                "Variables, loops and functions: write small scripts first, then read other people's programs." });
        CORPUS.put("japan", new String[] { "Japan on a shoestring",
                "A rail pass, hostels, convenience store meals and free temples keep two weeks in Kyoto affordable." });
        CORPUS.put("puppy", new String[] { "Your first puppy",
                "House training, chew toys, short walks and lots of sleep: the first months with a young dog." });
        CORPUS.put("vertical", new String[] { "Editing vertical clips",
                "Cut on the beat, add captions, keep the hook in the first second and export at 1080 by 1920." });
        CORPUS.put("workout", new String[] { "No equipment workouts",
                "Push-ups, squats, lunges and planks in circuits of forty seconds build strength in your living room." });
        CORPUS.put("coldbrew", new String[] { "Cold brew",
                "Coarsely ground beans steep in cold water for eighteen hours, then filter and dilute over ice." });
        CORPUS.put("newsletter", new String[] { "Email newsletters that get read",
                "Grow subscribers with one clear promise, a steady weekly send and subject lines that raise open rates." });
        CORPUS.put("nightsky", new String[] { "Photographing the night sky",
                "A tripod, a wide lens, long exposures and a dark site far from city lights bring out the Milky Way." });
    }

    /** Query, and the corpus piece it must find. Only the last two share a word with their piece. */
    private static final List<String[]> QUERIES = List.of(
            new String[] { "how to bake a loaf of bread", "sourdough" },
            new String[] { "getting ready for a 42 km race", "marathon" },
            new String[] { "putting money aside for old age", "retirement" },
            new String[] { "growing vegetables in containers", "balcony" },
            new String[] { "coding for beginners", "python" },
            new String[] { "cheap travel in asia", "japan" },
            new String[] { "raising a young canine", "puppy" },
            new String[] { "making short videos for tiktok", "vertical" },
            new String[] { "fitness exercises without a gym", "workout" },
            new String[] { "iced coffee recipe", "coldbrew" },
            new String[] { "astrophotography of stars", "nightsky" },
            new String[] { "newsletter subscribers", "newsletter" });

    private static String create(Authors author, String visibility, String title, String body) {
        return author.as().contentType(ContentType.JSON).body(Authors.json(title, body, visibility)).post("/api/content")
                .then().statusCode(201).extract().path("id");
    }

    private static String publish(Authors author, String id) {
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        return id;
    }

    @Test
    void semanticAndHybridFindTheExpectedPieceInTheTopThree() throws Exception {
        Authors author = Authors.creator();
        Map<String, String> ids = new LinkedHashMap<>();
        CORPUS.forEach((key, piece) -> ids.put(key, publish(author, create(author, "public", piece[0], piece[1]))));
        worker.drain();
        for (String mode : List.of("semantic", "hybrid")) {
            for (String[] q : QUERIES) {
                List<String> top = given().queryParam("q", q[0]).queryParam("mode", mode).queryParam("author", author.id)
                        .queryParam("limit", 3).get("/api/content/search").then().statusCode(200).extract().path("data.content.id");
                assertTrue(top.contains(ids.get(q[1])), mode + " \"" + q[0] + "\" should find " + q[1] + " in " + top);
            }
        }
    }

    @Test
    void aChangeIsQueuedInItsTransactionAndSearchableOnceTheWorkerRan() throws Exception {
        Authors author = Authors.creator();
        String id = publish(author, create(author, "public", "Knitting a winter scarf",
                "Cast on sixty stitches of wool and purl every second row until it is long enough."));
        assertTrue(jobs.queued() > 0);
        given().queryParam("q", "handmade woollen neckwear").queryParam("mode", "semantic").queryParam("author", author.id)
                .get("/api/content/search").then().statusCode(200).body("data", empty());
        worker.drain();
        assertEquals(0, jobs.queued());
        given().queryParam("q", "handmade woollen neckwear").queryParam("mode", "semantic").queryParam("author", author.id)
                .get("/api/content/search").then().statusCode(200).body("data.content.id", contains(id));
        // Made private: gone from the index's public part after the next run, and never shown meanwhile.
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"visibility\":\"private\"}")
                .patch("/api/content/" + id).then().statusCode(200);
        given().queryParam("q", "handmade woollen neckwear").queryParam("mode", "semantic").queryParam("author", author.id)
                .get("/api/content/search").then().statusCode(200).body("data", empty());
        worker.drain();
        author.as().queryParam("q", "handmade woollen neckwear").queryParam("mode", "semantic").queryParam("author", author.id)
                .get("/api/content/search").then().statusCode(200).body("data.content.id", contains(id));
    }

    @Test
    void aPieceChangedWhileTheWorkerHoldsItsJobStaysQueued() throws Exception {
        Authors author = Authors.creator();
        String id = create(author, "public", "Queued while working", "A body long enough to pass the rules.");
        worker.drain();
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"title\":\"First edit\"}")
                .patch("/api/content/" + id).then().statusCode(200);
        List<VectorJobs.Job> taken = jobs.next(0, 1000, 5).stream().filter(j -> j.contentId().equals(id)).toList();
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"title\":\"Second edit\"}")
                .patch("/api/content/" + id).then().statusCode(200);
        jobs.done(taken.stream().map(VectorJobs.Job::job).toList());
        assertTrue(jobs.next(0, 1000, 5).stream().anyMatch(j -> j.contentId().equals(id)), "the second edit is still queued");
    }

    @Test
    void theIndexIsRebuiltFromStoredEmbeddingsWithTheSameAnswers() throws Exception {
        Authors author = Authors.creator();
        String id = publish(author, create(author, "public", "Repairing a bicycle puncture",
                "Lever the tyre off, find the hole in the inner tube, patch it and pump it back up."));
        worker.drain();
        List<String> before = given().queryParam("q", "fixing a flat tire").queryParam("mode", "semantic")
                .queryParam("author", author.id).get("/api/content/search").then().extract().path("data.content.id");
        assertTrue(worker.rebuild() > 0);
        given().queryParam("q", "fixing a flat tire").queryParam("mode", "semantic").queryParam("author", author.id)
                .get("/api/content/search").then().statusCode(200).body("data.content.id", contains(before.toArray()))
                .body("data.content.id", hasItem(id));
    }

    @Test
    void similarContentIsPublishedPublicNeverTheItemItselfNorPrivateOnes() throws Exception {
        Authors author = Authors.creator();
        String espresso = publish(author, create(author, "public", "Pulling an espresso shot",
                "Grind fine, tamp evenly and extract for twenty-five seconds for a sweet, syrupy coffee."));
        String latte = publish(author, create(author, "public", "Latte art basics",
                "Steam the milk to a silky microfoam and pour it into the coffee to draw a heart."));
        String secret = publish(author, create(author, "private", "My coffee grinder settings",
                "Notes on grind size and dose for each coffee bean I buy from the roaster."));
        String draft = create(author, "public", "Coffee cupping notes", "Tasting coffee side by side, slurping from spoons.");
        worker.drain();
        List<String> similar = given().get("/api/content/" + espresso + "/similar?limit=50").then().statusCode(200)
                .extract().path("data.content.id");
        assertTrue(similar.contains(latte), "latte art is near espresso: " + similar);
        assertTrue(!similar.contains(espresso) && !similar.contains(secret) && !similar.contains(draft));
        author.as().get("/api/content/" + secret + "/similar").then().statusCode(200)
                .body("data.content.id", not(hasItem(secret)));
        assertProblem(given().get("/api/content/" + secret + "/similar").then(), 404);
        assertProblem(given().get("/api/content/not-a-uuid/similar").then(), 400);
    }
}
