package com.mustbeviral.analytics;

import static com.mustbeviral.analytics.Pipeline.event;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dashboards: from the rollups, for the author, an admin or a partner with analytics:read; cached yet never stale. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class DashboardTest {

    @Test
    void aContentDashboardHasTotalsASeriesAndTopSourcesDevicesAndCountries() throws Exception {
        TestTokens author = Pipeline.creator();
        String content = Pipeline.published(author);
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(event(content, "view"));
        }
        Map<String, Object> old = event(content, "view");
        old.put("occurred_at", yesterday.toString());
        old.put("attribution", Map.of("source", "twitter"));
        old.put("user_context", Map.of("device_type", "desktop", "location", "fr"));
        events.add(old);
        events.add(event(content, "like"));
        Pipeline.send(events).statusCode(202);
        Pipeline.awaitStored(content, 5);
        String today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toString();

        given().auth().oauth2(author.sign()).queryParam("granularity", "day")
                .queryParam("from", yesterday.minus(1, ChronoUnit.DAYS).toString()).queryParam("to", Instant.now().toString())
                .get("/api/analytics/content/" + content).then().statusCode(200)
                .body("totals.views", equalTo(4)).body("totals.likes", equalTo(1))
                .body("totals.unique_visitors", equalTo(1))
                .body("series", hasSize(3)).body("series[0].numbers.views", equalTo(0))
                .body("series[1].numbers.views", equalTo(1)).body("series[2].start", equalTo(today))
                .body("series[2].numbers.views", equalTo(3))
                .body("top_sources.newsletter", equalTo(3)).body("top_sources.twitter", equalTo(1))
                .body("top_devices.mobile", equalTo(3)).body("top_countries.FR", equalTo(1));
        given().auth().oauth2(author.sign()).queryParam("granularity", "hour")
                .get("/api/analytics/content/" + content).then().statusCode(200)
                .body("series", hasSize(49)).body("totals.views", equalTo(4)); // [now - 48 h, now] in whole hours
        given().auth().oauth2(author.sign()).queryParam("granularity", "month")
                .queryParam("from", Instant.now().minus(365, ChronoUnit.DAYS).toString())
                .get("/api/analytics/content/" + content).then().statusCode(200).body("totals.views", equalTo(4));
        given().auth().oauth2(author.sign()).queryParam("granularity", "week")
                .get("/api/analytics/content/" + content).then().statusCode(200).body("totals.views", equalTo(4));
    }

    @Test
    void aCachedAnswerMovesWithTheRollups() throws Exception {
        TestTokens author = Pipeline.creator();
        String content = Pipeline.published(author);
        Pipeline.send(List.of(event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 1);
        given().auth().oauth2(author.sign()).get("/api/analytics/content/" + content).then().body("totals.views", equalTo(1));
        given().auth().oauth2(author.sign()).get("/api/analytics/content/" + content).then().body("totals.views", equalTo(1));

        Pipeline.send(List.of(event(content, "view"))).statusCode(202);
        Pipeline.awaitStored(content, 2);
        given().auth().oauth2(author.sign()).get("/api/analytics/content/" + content).then().body("totals.views", equalTo(2));
    }

    @Test
    void onlyTheAuthorAnAdminOrAPartnerWithAnalyticsReadForTheAuthorReadAContent() throws Exception {
        TestTokens author = Pipeline.creator();
        String content = Pipeline.published(author);
        String path = "/api/analytics/content/" + content;

        assertProblem(given().auth().oauth2(TestTokens.user().sign()).get(path).then(), 403)
                .body("type", equalTo("https://mustbeviral.com/problems/not-your-content"));
        given().auth().oauth2(TestTokens.user().claim("role", "admin").sign()).get(path).then().statusCode(200);
        assertProblem(given().get(path).then(), 401);
        assertProblem(given().auth().oauth2(TestTokens.partner("acme", "content:read").claim("sub", author.claimValue("sub"))
                .sign()).get(path).then(), 403);
        given().auth().oauth2(TestTokens.partner("acme", "analytics:read").claim("sub", author.claimValue("sub")).sign())
                .get(path).then().statusCode(200);
        assertProblem(given().auth().oauth2(TestTokens.partner("acme", "analytics:read").sign()).get(path).then(), 403);
    }

    @Test
    void badDashboardQuestionsAreProblems() throws Exception {
        TestTokens author = Pipeline.creator();
        String content = Pipeline.published(author);
        String path = "/api/analytics/content/" + content;

        assertProblem(given().auth().oauth2(author.sign()).get("/api/analytics/content/" + UUID.randomUUID()).then(), 404);
        assertProblem(given().auth().oauth2(author.sign()).get("/api/analytics/content/not-an-id").then(), 404);
        assertProblem(given().auth().oauth2(author.sign()).queryParam("granularity", "minute").get(path).then(), 400);
        assertProblem(given().auth().oauth2(author.sign()).queryParam("from", "yesterday").get(path).then(), 400);
        assertProblem(given().auth().oauth2(author.sign()).queryParam("from", "2026-01-02T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z").get(path).then(), 400);
        assertProblem(given().auth().oauth2(author.sign()).queryParam("granularity", "hour")
                .queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z").get(path).then(), 400);
        assertProblem(given().auth().oauth2(author.sign()).queryParam("window", "P30D").get("/api/analytics/trending").then(), 400);
        assertProblem(given().auth().oauth2(author.sign()).queryParam("window", "soon").get("/api/analytics/trending").then(), 400);
    }

    @Test
    void theOverviewComparesThePeriodWithTheOneBeforeAndNamesTheBestContent() throws Exception {
        TestTokens author = Pipeline.creator();
        String first = Pipeline.published(author);
        String second = Pipeline.published(author);
        Instant now = Instant.now();
        Map<String, Object> before = event(first, "view");
        before.put("occurred_at", now.minus(10, ChronoUnit.DAYS).toString());
        Pipeline.send(List.of(before, event(first, "view"), event(second, "view"), event(second, "view"),
                event(second, "like"))).statusCode(202);
        Pipeline.awaitStored(first, 2);
        Pipeline.awaitStored(second, 3);

        given().auth().oauth2(author.sign()).queryParam("from", now.minus(7, ChronoUnit.DAYS).toString())
                .queryParam("to", now.toString()).get("/api/analytics/overview").then().statusCode(200)
                .body("author_id", equalTo(author.claimValue("sub")))
                .body("totals.views", equalTo(3)).body("totals.likes", equalTo(1)).body("previous.views", equalTo(1))
                .body("growth.views", equalTo(200.0f)).body("growth.likes", nullValue())
                .body("best_content[0].content_id", equalTo(second)).body("best_content[0].views", equalTo(2))
                .body("best_content[1].content_id", equalTo(first));
        assertProblem(given().auth().oauth2(TestTokens.user().sign()).queryParam("author_id", author.claimValue("sub"))
                .get("/api/analytics/overview").then(), 403);
    }

    @Test
    void trendingRanksContentByTheViewsItGained() throws Exception {
        String slow = Pipeline.published(Pipeline.creator());
        String fast = Pipeline.published(Pipeline.creator());
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event(fast, "view"));
        }
        events.add(event(slow, "view"));
        Pipeline.send(events).statusCode(202);
        Pipeline.awaitStored(fast, 40);
        Pipeline.awaitStored(slow, 1);

        List<String> ranked = given().auth().oauth2(TestTokens.user().sign()).queryParam("window", "PT2H")
                .queryParam("limit", 100).get("/api/analytics/trending").then().statusCode(200)
                .body("content.find { it.content_id == '" + fast + "' }.views_recent", equalTo(40))
                .body("content.find { it.content_id == '" + fast + "' }.views_per_hour", equalTo(20.0f))
                .extract().path("content.content_id");
        assertTrue(ranked.indexOf(fast) >= 0 && ranked.indexOf(fast) < ranked.indexOf(slow), ranked.toString());
    }

    @Test
    void trendingNeverRevealsPrivateOrUnlistedContent() throws Exception {
        String unlisted = Pipeline.published(Pipeline.creator(), "unlisted");
        String open = Pipeline.published(Pipeline.creator());
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event(unlisted, "view"));
        }
        events.add(event(open, "view"));
        Pipeline.send(events).statusCode(202);
        Pipeline.awaitStored(unlisted, 30);
        Pipeline.awaitStored(open, 1);

        List<String> ranked = given().auth().oauth2(TestTokens.user().sign()).queryParam("window", "PT1H")
                .queryParam("limit", 100).get("/api/analytics/trending").then().statusCode(200)
                .extract().path("content.content_id");
        assertTrue(ranked.contains(open) && !ranked.contains(unlisted), ranked.toString());
    }
}
