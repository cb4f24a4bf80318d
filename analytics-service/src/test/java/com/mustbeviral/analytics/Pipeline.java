package com.mustbeviral.analytics;

import static io.restassured.RestAssured.given;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.ConsentChanged;
import com.mustbeviral.contracts.auth.UserDeleted;
import com.mustbeviral.contracts.content.ContentPublished;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The test's side of the pipeline: content published on content.events, batches sent, what the tables hold. */
final class Pipeline {

    static final String CONTENT_SOURCE = "urn:mustbeviral:content-service";
    static final String EXAMPLE_CONTENT = "0b9d6c3e-52a1-4f7e-9a43-2d1f7c8e5a10";
    static final String EXAMPLE_AUTHOR = "6f1c1a4e-8d4b-4a39-9a52-3c8f9e0b7d21";

    private Pipeline() {
    }

    /** A creator's token (their id is its subject). */
    static TestTokens creator() {
        return TestTokens.user();
    }

    /** Publishes a new content by {@code author} on content.events (the contract's example) and waits until analytics tracks it. */
    static String published(TestTokens author) throws Exception {
        return published(author, "public");
    }

    static String published(TestTokens author, String visibility) throws Exception {
        String content = UUID.randomUUID().toString();
        String payload = ExamplePayloads.of(ContentPublished.TYPE).replace(EXAMPLE_CONTENT, content)
                .replace(EXAMPLE_AUTHOR, author.claimValue("sub"))
                .replace("\"visibility\": \"public\"", "\"visibility\": \"" + visibility + "\"");
        CloudEventRecords.send(CloudEventRecords.of(CONTENT_SOURCE, Topics.CONTENT_EVENTS, content,
                UUID.randomUUID().toString(), ContentPublished.TYPE, content, payload));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM content_stats WHERE content_id = ? AND author_id IS NOT NULL",
                        content) == 1);
        return content;
    }

    static void userDeleted(String userId) throws Exception {
        String payload = ExamplePayloads.of(UserDeleted.TYPE).replace(EXAMPLE_AUTHOR, userId);
        CloudEventRecords.send(CloudEventRecords.of(Topics.AUTH_USERS, UserDeleted.TYPE, userId, payload));
    }

    static void consentChanged(String userId, boolean granted) throws Exception {
        String payload = ExamplePayloads.of(ConsentChanged.TYPE).replace(EXAMPLE_AUTHOR, userId)
                .replace("\"ai_training\"", "\"analytics\"").replace("\"granted\": false", "\"granted\": " + granted);
        CloudEventRecords.send(CloudEventRecords.of(Topics.AUTH_USERS, ConsentChanged.TYPE, userId, payload));
    }

    /** An event of {@code type} about {@code contentId}, a few seconds old, from a newsletter on a phone in Germany. */
    static Map<String, Object> event(String contentId, String type) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("event_type", type);
        e.put("content_id", contentId);
        e.put("occurred_at", Instant.now().minusSeconds(5).toString());
        e.put("event_value", Map.of("scroll", 80));
        e.put("user_context", Map.of("device_type", "mobile", "location", "DE"));
        e.put("attribution", Map.of("source", "newsletter", "medium", "email", "campaign", "launch"));
        return e;
    }

    static ValidatableResponse send(List<Map<String, Object>> events) {
        return given().contentType(ContentType.JSON).header("User-Agent", Browsers.CHROME_ANDROID)
                .body(Map.of("events", events)).post("/api/events").then();
    }

    static ValidatableResponse sendAs(TestTokens user, List<Map<String, Object>> events) {
        return given().contentType(ContentType.JSON).header("User-Agent", Browsers.CHROME_ANDROID)
                .header("Authorization", user.asBearer()).body(Map.of("events", events)).post("/api/events").then();
    }

    /** Waits until the aggregator stored {@code n} raw events of the content. */
    static void awaitStored(String contentId, long n) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM raw_events WHERE content_id = ?", contentId) == n);
    }

    /** The content's views in its daily rollups. */
    static long dailyViews(String contentId) throws Exception {
        return count("SELECT coalesce(sum(views), 0) FROM rollups WHERE content_id = ? AND granularity = 'day'", contentId);
    }

    static long count(String sql, Object... params) throws Exception {
        AgroalDataSource dataSource = CDI.current().select(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** User-Agents of real clients and of a known crawler. */
    static final class Browsers {
        static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        static final String FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

        private Browsers() {
        }
    }
}
