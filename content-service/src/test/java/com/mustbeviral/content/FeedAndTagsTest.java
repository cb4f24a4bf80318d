package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What public readers see (feed, by author, by slug, unlisted by link), and tags. */
@QuarkusTest
class FeedAndTagsTest {

    @Test
    void publicReadersSeePublishedPublicContentAndUnlistedOnlyByItsLink() {
        Authors author = Authors.creator();
        String publicId = author.published("Public piece");
        String unlisted = author.as().contentType(ContentType.JSON).body(Authors.json("Unlisted piece", "A body long enough.", "unlisted"))
                .post("/api/content").then().statusCode(201).extract().path("id");
        author.as().post("/api/content/" + unlisted + "/publish").then().statusCode(200);
        String privateId = author.as().contentType(ContentType.JSON).body(Authors.json("Private piece", "A body long enough.", "private"))
                .post("/api/content").then().statusCode(201).extract().path("id");
        author.as().post("/api/content/" + privateId + "/publish").then().statusCode(200);
        String draft = author.draft("Draft piece");

        given().get("/api/content/feed?limit=100").then().statusCode(200)
                .body("data.id", hasItem(publicId)).body("data.id", not(hasItem(unlisted)))
                .body("data.id", not(hasItem(privateId))).body("data.id", not(hasItem(draft)))
                .body("data[0].ethics", nullValue()).body("data[0].ai_metadata", nullValue());
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data.id", contains(publicId));
        given().get("/api/content/" + unlisted).then().statusCode(200).body("title", equalTo("Unlisted piece"));
        given().get("/api/content/authors/" + author.id + "/unlisted-piece").then().statusCode(200);
        given().get("/api/content/authors/" + author.id + "/public-piece").then().statusCode(200);
        assertProblem(given().get("/api/content/" + privateId).then(), 404);
        assertProblem(given().get("/api/content/" + draft).then(), 404);
        assertProblem(given().get("/api/content/authors/" + author.id + "/draft-piece").then(), 404);
        author.as().get("/api/content/authors/" + author.id + "/draft-piece").then().statusCode(200);
        assertProblem(given().header("Authorization", "Bearer not-a-token").get("/api/content/feed").then(), 401);
    }

    @Test
    void feedPagesFollowTheCursorNewestFirst() {
        Authors author = Authors.creator();
        String first = author.published("One");
        String second = author.published("Two");
        String third = author.published("Three");
        String cursor = given().get("/api/content/authors/" + author.id + "?limit=2").then().statusCode(200)
                .body("data.id", contains(third, second)).extract().path("next_cursor");
        given().queryParam("cursor", cursor).get("/api/content/authors/" + author.id + "?limit=2").then().statusCode(200)
                .body("data.id", contains(first)).body("next_cursor", nullValue());
        assertProblem(given().queryParam("cursor", "!!garbage").get("/api/content/feed").then(), 400);
        assertProblem(given().get("/api/content/authors/not-a-uuid").then(), 400);
    }

    @Test
    void tagsAreCreatedOnTheFlyWithFoldedSlugsAndCountPublishedContentExactly() {
        Authors author = Authors.creator();
        String tag = "Café " + UUID.randomUUID().toString().substring(0, 8);
        String slug = "cafe-" + tag.substring(5);
        String id = author.as().contentType(ContentType.JSON).body("{\"type\":\"blog_post\",\"visibility\":\"public\","
                + "\"title\":\"Tagged\",\"body\":\"A body long enough.\",\"tags\":[\"" + tag + "\",\"" + tag.toUpperCase()
                + "\"]}").post("/api/content").then().statusCode(201).body("tags", contains(slug)).extract().path("id");
        usage(author, slug, 0);
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        usage(author, slug, 1);
        // A page's tags come in one query for the page: each piece gets its own.
        String untagged = author.published("Untagged");
        given().get("/api/content/authors/" + author.id).then().statusCode(200)
                .body("data.id", contains(untagged, id)).body("data[0].tags", org.hamcrest.Matchers.empty())
                .body("data[1].tags", contains(slug));
        author.as().get("/api/tags/trending?limit=100").then().statusCode(200).body("data.slug", hasItem(slug));
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"tags\":[\"other\"]}")
                .patch("/api/content/" + id).then().statusCode(200).body("tags", contains("other"));
        usage(author, slug, 0);
        assertProblem(author.as().contentType(ContentType.JSON).body("{\"type\":\"blog_post\",\"visibility\":\"public\","
                + "\"title\":\"Tagged\",\"body\":\"A body long enough.\",\"tags\":[\"!!!\"]}").post("/api/content").then(), 400);
    }

    private static void usage(Authors author, String slug, int count) {
        author.as().queryParam("cursor", slug.substring(0, slug.length() - 1)).queryParam("limit", 100).get("/api/tags")
                .then().statusCode(200).body("data.find { it.slug == '" + slug + "' }.usage_count", equalTo(count));
    }
}
