package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.search.KeywordSearch;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keyword search (FTS5): bm25 order, prefixes, phrases, folded diacritics, escaped snippets, what
 * each reader may find, filters, cursor pages, the index following edits, and bad input. Each test
 * searches a word of its own, so content of other tests never matches.
 */
@QuarkusTest
class KeywordSearchTest {

    /**
     * A word no other test writes: 10 random letters after "zq". Each hex digit becomes its own letter
     * (0-9 → g-p), so that an 8-character prefix is one of 16^6, not mostly "x"s: with digits all made
     * "x", another test's word shared the prefix often enough to make the prefix query flaky.
     */
    static String word() {
        StringBuilder w = new StringBuilder("zq");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            w.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return w.toString();
    }

    private static String create(Authors author, String type, String visibility, String title, String body, String... tags) {
        String tagJson = tags.length == 0 ? "" : ",\"tags\":[\"" + String.join("\",\"", tags) + "\"]";
        return author.as().contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\",\"visibility\":\"" + visibility + "\",\"title\":\"" + title
                        + "\",\"body\":\"" + body + "\"" + tagJson + "}")
                .post("/api/content").then().statusCode(201).extract().path("id");
    }

    static String published(Authors author, String title, String body, String... tags) {
        String id = create(author, "blog_post", "public", title, body, tags);
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        return id;
    }

    @Test
    void ranksByBm25WithTitleMatchesFirstAndSnippetsTheHits() {
        Authors author = Authors.creator();
        String w = word();
        String inBody = published(author, "Unrelated heading", "Some text that names " + w + " once among many other words.");
        String inTitle = published(author, "All about " + w, "A body long enough to pass the rules, with " + w + " and " + w + ".");
        given().queryParam("q", w).queryParam("mode", "keyword").get("/api/content/search").then().statusCode(200)
                .body("data.content.id", contains(inTitle, inBody))
                .body("data[1].snippet", containsString("<mark>" + w + "</mark>"))
                .body("data[0].score", notNullValue());
    }

    @Test
    void matchesPrefixesPhrasesAndFoldsDiacritics() {
        Authors author = Authors.creator();
        String w = word();
        String cafe = published(author, "Crème brûlée at the café " + w, "Naïve résumé of a visit to the café downtown.");
        String phrase = published(author, "Growth notes " + w, "How to grow an audience fast without paid ads.");
        String apart = published(author, "Audience notes " + w, "The audience comes first: grow it slowly.");
        given().queryParam("q", "creme brulee " + w).queryParam("mode", "keyword").get("/api/content/search").then()
                .statusCode(200).body("data.content.id", contains(cafe));
        given().queryParam("q", w.substring(0, 8) + "*").queryParam("mode", "keyword").get("/api/content/search").then()
                .statusCode(200).body("data.content.id", containsInAnyOrder(cafe, phrase, apart));
        given().queryParam("q", "\"grow an audience\" " + w).queryParam("mode", "keyword").get("/api/content/search").then()
                .statusCode(200).body("data.content.id", contains(phrase));
    }

    @Test
    void snippetsEscapeTheTextSoOnlyHitsAreMarkup() {
        Authors author = Authors.creator();
        String w = word();
        published(author, "Markup " + w, "Text with <script>alert(1)</script> and " + w + " in it.");
        given().queryParam("q", w).queryParam("mode", "keyword").get("/api/content/search").then().statusCode(200)
                .body("data[0].snippet", containsString("&lt;script&gt;"))
                .body("data[0].snippet", not(containsString("<script>")))
                .body("data[0].snippet", containsString("<mark>" + w + "</mark>"));
    }

    @Test
    void readersFindPublishedPublicContentAndAuthorsAlsoTheirOwnDrafts() {
        Authors author = Authors.creator();
        Authors other = Authors.creator();
        String w = word();
        String open = published(author, "Open " + w, "A body long enough to pass the rules.");
        String draft = create(author, "blog_post", "public", "Draft " + w, "A body long enough to pass the rules.");
        String hidden = create(author, "blog_post", "private", "Private " + w, "A body long enough to pass the rules.");
        author.as().post("/api/content/" + hidden + "/publish").then().statusCode(200);
        String unlisted = create(author, "blog_post", "unlisted", "Unlisted " + w, "A body long enough to pass the rules.");
        author.as().post("/api/content/" + unlisted + "/publish").then().statusCode(200);
        given().queryParam("q", w).queryParam("mode", "keyword").get("/api/content/search").then().statusCode(200)
                .body("data.content.id", contains(open));
        other.as().queryParam("q", w).queryParam("mode", "keyword").get("/api/content/search").then().statusCode(200)
                .body("data.content.id", contains(open));
        author.as().queryParam("q", w).queryParam("mode", "keyword").get("/api/content/search").then().statusCode(200)
                .body("data.content.id", containsInAnyOrder(open, draft, hidden, unlisted));
    }

    @Test
    void othersDraftsRankedAboveEveryVisiblePieceHideNothing() {
        Authors drafter = Authors.creator();
        String w = word();
        // More drafts than FTS5's first window for a page of one (KeywordSearch.window): the ranking must look past them.
        String open = publishedBelowDrafts(drafter, w, KeywordSearch.window(2) + 1);
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", 1).get("/api/content/search").then()
                .statusCode(200).body("data.content.id", contains(open)).body("next_cursor", nullValue());
        drafter.as().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", 1).get("/api/content/search")
                .then().statusCode(200).body("data.content.id", not(hasItem(open))).body("next_cursor", notNullValue());
    }

    @Test
    void othersDraftsBeyondTheFirstVisibilityCheckHideNothing() {
        Authors drafter = Authors.creator();
        String w = word();
        // More drafts than the first visibility check of a page of one takes (KeywordSearch.firstCheck), fewer
        // than the window: the visible piece is found among the rest of the window, without ranking again.
        int drafts = KeywordSearch.firstCheck(2) + 2;
        assertTrue(drafts < KeywordSearch.window(2), "the drafts must fit in the window");
        String open = publishedBelowDrafts(drafter, w, drafts);
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", 1).get("/api/content/search").then()
                .statusCode(200).body("data.content.id", contains(open)).body("next_cursor", nullValue());
        drafter.as().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", drafts + 1)
                .get("/api/content/search").then().statusCode(200).body("data", hasSize(drafts + 1));
    }

    /**
     * {@code drafts} public drafts of the drafter, each a better bm25 match for {@code w} than the one piece another
     * author then publishes (the word in the title and twice in the body, against once in the body); that piece's id.
     */
    private static String publishedBelowDrafts(Authors drafter, String w, int drafts) {
        for (int i = 0; i < drafts; i++) {
            create(drafter, "blog_post", "public", w + " draft " + i, "A body that repeats " + w + " and " + w + " again.");
        }
        return published(Authors.creator(), "Published piece", "A body long enough to pass the rules, naming " + w + " once.");
    }

    @Test
    void theIndexFollowsEditsAndDeletesInTheSameTransaction() {
        Authors author = Authors.creator();
        String before = word();
        String after = word();
        String id = published(author, "Edited " + before, "A body long enough to pass the rules.");
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"title\":\"Edited " + after + "\"}").patch("/api/content/" + id).then().statusCode(200);
        given().queryParam("q", before).queryParam("mode", "keyword").get("/api/content/search").then().body("data", empty());
        given().queryParam("q", after).queryParam("mode", "keyword").get("/api/content/search").then()
                .body("data.content.id", contains(id));
        author.as().header("If-Match", "\"3\"").delete("/api/content/" + id).then().statusCode(204);
        given().queryParam("q", after).queryParam("mode", "keyword").get("/api/content/search").then().body("data", empty());
    }

    @Test
    void filtersByTypeTagAuthorAndDate() {
        Authors author = Authors.creator();
        Authors other = Authors.creator();
        String w = word();
        String post = published(author, "Post " + w, "A body long enough to pass the rules.", "Growth Hacks");
        String script = create(author, "video_script", "public", "Script " + w, "A body long enough to pass the rules.");
        author.as().post("/api/content/" + script + "/publish").then().statusCode(200);
        String others = published(other, "Other " + w, "A body long enough to pass the rules.");
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("type", "video_script")
                .get("/api/content/search").then().statusCode(200).body("data.content.id", contains(script));
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("tag", "growth hacks")
                .get("/api/content/search").then().statusCode(200).body("data.content.id", contains(post))
                .body("data[0].content.tags", contains("growth-hacks"));
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("author", other.id)
                .get("/api/content/search").then().statusCode(200).body("data.content.id", contains(others));
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("to", "2000-01-01T00:00:00Z")
                .get("/api/content/search").then().statusCode(200).body("data", empty());
        given().queryParam("q", w).queryParam("mode", "keyword").queryParam("from", "2000-01-01T00:00:00Z")
                .get("/api/content/search").then().statusCode(200).body("data.content.id", hasItem(post));
    }

    @Test
    void pagesFollowTheCursorUntilTheLast() {
        Authors author = Authors.creator();
        String w = word();
        for (int i = 0; i < 5; i++) {
            published(author, "Piece " + i + " " + w, "A body long enough to pass the rules.");
        }
        var first = given().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", 2)
                .get("/api/content/search").then().statusCode(200).extract();
        String cursor = first.path("next_cursor");
        var second = given().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/content/search").then().statusCode(200).extract();
        var third = given().queryParam("q", w).queryParam("mode", "keyword").queryParam("limit", 2)
                .queryParam("cursor", (String) second.path("next_cursor")).get("/api/content/search").then().statusCode(200)
                .body("next_cursor", nullValue()).extract();
        java.util.List<String> seen = new java.util.ArrayList<>();
        seen.addAll(first.path("data.content.id"));
        seen.addAll(second.path("data.content.id"));
        seen.addAll(third.path("data.content.id"));
        org.junit.jupiter.api.Assertions.assertEquals(5, new java.util.HashSet<>(seen).size());
        // A cursor belongs to its search: with another query it is refused.
        assertProblem(given().queryParam("q", word()).queryParam("mode", "keyword").queryParam("cursor", cursor)
                .get("/api/content/search").then(), 400).body("type", equalTo("https://mustbeviral.com/problems/bad-cursor"));
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        String type = "https://mustbeviral.com/problems/";
        assertProblem(given().get("/api/content/search").then(), 400).body("type", equalTo(type + "invalid-query"));
        assertProblem(given().queryParam("q", "   ").get("/api/content/search").then(), 400)
                .body("type", equalTo(type + "invalid-query"));
        assertProblem(given().queryParam("q", "a".repeat(201)).get("/api/content/search").then(), 400)
                .body("type", equalTo(type + "invalid-query"));
        assertProblem(given().queryParam("q", "*** \"\" -- ()").get("/api/content/search").then(), 400)
                .body("type", equalTo(type + "invalid-query"));
        assertProblem(given().queryParam("q", "viral").queryParam("mode", "fuzzy").get("/api/content/search").then(), 400)
                .body("type", equalTo(type + "unknown-mode"));
        assertProblem(given().queryParam("q", "viral").queryParam("from", "yesterday").get("/api/content/search").then(), 400)
                .body("type", equalTo(type + "invalid-filter"));
        assertProblem(given().queryParam("q", "viral").queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z").get("/api/content/search").then(), 400)
                .body("type", equalTo(type + "invalid-filter"));
        assertProblem(given().queryParam("q", "viral").queryParam("type", "poem").get("/api/content/search").then(), 400);
        assertProblem(given().queryParam("q", "viral").queryParam("author", "nobody").get("/api/content/search").then(), 400);
        assertProblem(given().queryParam("q", "viral").queryParam("limit", 0).get("/api/content/search").then(), 400);
        assertProblem(given().queryParam("q", "viral").queryParam("cursor", "!!").get("/api/content/search").then(), 400);
        // FTS5 syntax in a query is read as words, never as syntax (a bare NEAR or column filter would fail the MATCH).
        given().queryParam("q", "title: NEAR(a b) AND OR NOT ^x").queryParam("mode", "keyword").get("/api/content/search")
                .then().statusCode(200);
    }
}
