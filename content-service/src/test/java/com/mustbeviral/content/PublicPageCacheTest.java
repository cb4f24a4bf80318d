package com.mustbeviral.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The public pages (lists, and pieces by id) anonymous readers get from the cache: a change made here shows at once (tests keep
 * pages for an hour, so only the invalidation can make it show), a change made elsewhere once the
 * time to live is over, and what is not public never gets in.
 */
@QuarkusTest
class PublicPageCacheTest {

    private static final String FEED = "/api/content/feed?limit=100";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPublishShowsUpInPagesAlreadyCached() {
        Authors author = Authors.creator();
        String first = author.published("Cached first");
        given().get(FEED).then().statusCode(200).body("data.id", hasItem(first));
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data.id", contains(first));

        String second = author.published("Cached second");

        given().get(FEED).then().statusCode(200).body("data[0].id", equalTo(second)).body("data.id", hasItem(first));
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data.id", contains(second, first));
    }

    @Test
    void privateAndUnlistedPiecesNeverLeakIntoACachedPage() {
        Authors author = Authors.creator();
        String shown = author.published("Shown piece");
        given().get(FEED).then().statusCode(200).body("data.id", hasItem(shown));

        String unlisted = publishedAs(author, "Unlisted cached", "unlisted");
        String privateId = publishedAs(author, "Private cached", "private");
        given().get(FEED).then().statusCode(200).body("data.id", not(hasItem(unlisted))).body("data.id", not(hasItem(privateId)));
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data.id", contains(shown));

        // A public piece made private leaves the pages that held it.
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"visibility\":\"private\"}")
                .patch("/api/content/" + shown).then().statusCode(200);
        given().get(FEED).then().statusCode(200).body("data.id", not(hasItem(shown)));
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void deletedAndArchivedPiecesLeaveCachedPages() {
        Authors author = Authors.creator();
        String deleted = author.published("To be deleted");
        String archived = author.published("To be archived");
        given().get(FEED).then().statusCode(200).body("data.id", hasItem(deleted)).body("data.id", hasItem(archived));
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data.id", contains(archived, deleted));

        author.as().header("If-Match", "\"2\"").delete("/api/content/" + deleted).then().statusCode(204);
        given().get(FEED).then().statusCode(200).body("data.id", not(hasItem(deleted))).body("data.id", hasItem(archived));

        author.as().post("/api/content/" + archived + "/archive").then().statusCode(200);
        given().get(FEED).then().statusCode(200).body("data.id", not(hasItem(archived)));
        given().get("/api/content/authors/" + author.id).then().statusCode(200).body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void aClientRevalidatesWithTheETagAndGetsTheNewPageAfterAChange() {
        Authors author = Authors.creator();
        author.published("Before the tag");
        String page = "/api/content/authors/" + author.id;
        String etag = given().get(page).then().statusCode(200).header("ETag", notNullValue())
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age")).extract().header("ETag");

        given().header("If-None-Match", etag).get(page).then().statusCode(304).header("ETag", equalTo(etag));

        String later = author.published("After the tag");
        String newEtag = given().header("If-None-Match", etag).get(page).then().statusCode(200)
                .body("data[0].id", equalTo(later)).extract().header("ETag");
        assertNotEquals(etag, newEtag);
    }

    @Test
    void theAuthorIsNeverServedTheAnonymousRendering() {
        Authors author = Authors.creator();
        author.published("Seen by both");
        String page = "/api/content/authors/" + author.id;
        given().get(page).then().statusCode(200).body("data[0].ethics", nullValue());

        author.as().get(page).then().statusCode(200).body("data[0].ethics.status", equalTo("passed"));
    }

    @Test
    void aChangeThisInstanceDidNotMakeShowsOnceTheTimeToLiveIsOver() throws Exception {
        Authors author = Authors.creator();
        String id = author.published("Changed elsewhere");
        String page = "/api/content/authors/" + author.id;
        given().get(page).then().statusCode(200).body("data.id", contains(id));

        // Another replica makes the piece private: this instance learns of it only through the database.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE content SET visibility = 'private', version = version + 1 WHERE id = ?")) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate());
        }
        given().get(page).then().statusCode(200).body("data.id", contains(id));

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        given().get(page).then().statusCode(200).body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void aPieceReadAnonymouslyShowsAnEditAtOnceUnderItsNewVersion() {
        Authors author = Authors.creator();
        String id = author.published("Read before the edit");
        given().get("/api/content/" + id).then().statusCode(200).body("title", equalTo("Read before the edit"))
                .header("ETag", equalTo("\"2\"")).header("Cache-Control", org.hamcrest.Matchers.containsString("max-age"));

        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"title\":\"Read after the edit\"}")
                .patch("/api/content/" + id).then().statusCode(200);

        given().get("/api/content/" + id).then().statusCode(200).body("title", equalTo("Read after the edit"))
                .header("ETag", equalTo("\"3\""));
    }

    @Test
    void aReaderRevalidatesAPieceWithItsETagAndGetsTheNewVersionAfterAnEdit() {
        Authors author = Authors.creator();
        String id = author.published("Revalidated piece");
        String piece = "/api/content/" + id;
        given().header("If-None-Match", "\"2\"").get(piece).then().statusCode(304).header("ETag", equalTo("\"2\""));
        author.as().header("If-None-Match", "\"2\"").get(piece).then().statusCode(304);
        given().header("If-None-Match", "\"1\"").get(piece).then().statusCode(200).header("ETag", equalTo("\"2\""));

        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"title\":\"Revalidated again\"}")
                .patch(piece).then().statusCode(200);

        given().header("If-None-Match", "\"2\"").get(piece).then().statusCode(200).header("ETag", equalTo("\"3\""))
                .body("title", equalTo("Revalidated again"));
        author.as().header("If-None-Match", "\"2\"").get(piece).then().statusCode(200).header("ETag", equalTo("\"3\""));
    }

    @Test
    void aPieceMadePrivateArchivedOrDeletedIsGoneForAnonymousReadersAtOnce() {
        Authors author = Authors.creator();
        String madePrivate = author.published("Soon private");
        String archived = author.published("Soon archived");
        String deleted = author.published("Soon deleted");
        for (String id : new String[] { madePrivate, archived, deleted }) {
            given().get("/api/content/" + id).then().statusCode(200);
        }

        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json").body("{\"visibility\":\"private\"}")
                .patch("/api/content/" + madePrivate).then().statusCode(200);
        author.as().post("/api/content/" + archived + "/archive").then().statusCode(200);
        author.as().header("If-Match", "\"2\"").delete("/api/content/" + deleted).then().statusCode(204);

        for (String id : new String[] { madePrivate, archived, deleted }) {
            given().get("/api/content/" + id).then().statusCode(404).contentType("application/problem+json");
        }
        author.as().get("/api/content/" + madePrivate).then().statusCode(200).body("visibility", equalTo("private"));
    }

    @Test
    void aPieceNotYetPublicIsNeverCachedAsMissingOnceItIs() {
        Authors author = Authors.creator();
        String id = author.as().contentType(ContentType.JSON).body(Authors.json("Published later", "A body long enough.", "public"))
                .post("/api/content").then().statusCode(201).extract().path("id");
        given().get("/api/content/" + id).then().statusCode(404);

        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);

        given().get("/api/content/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void theAuthorReadingTheirPieceIsNeverServedTheAnonymousRendering() {
        Authors author = Authors.creator();
        String id = author.published("Read by both");
        given().get("/api/content/" + id).then().statusCode(200).body("ethics", nullValue());

        author.as().get("/api/content/" + id).then().statusCode(200).body("ethics.status", equalTo("passed"));
    }

    @Test
    void aPieceChangedByAnotherInstanceShowsOnceTheTimeToLiveIsOver() throws Exception {
        Authors author = Authors.creator();
        String id = author.published("Changed on another replica");
        given().get("/api/content/" + id).then().statusCode(200);

        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE content SET visibility = 'private', version = version + 1 WHERE id = ?")) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate());
        }
        given().get("/api/content/" + id).then().statusCode(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        given().get("/api/content/" + id).then().statusCode(404);
    }

    private static String publishedAs(Authors author, String title, String visibility) {
        String id = author.as().contentType(ContentType.JSON).body(Authors.json(title, "A body long enough.", visibility))
                .post("/api/content").then().statusCode(201).extract().path("id");
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        return id;
    }
}
