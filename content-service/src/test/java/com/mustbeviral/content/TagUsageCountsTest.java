package com.mustbeviral.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.content.service.PublishScheduler;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tag usage counts are kept incrementally (TagRepository): after every kind of change they equal a
 * recount from the links, published and not deleted pieces only.
 */
@QuarkusTest
class TagUsageCountsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    PublishScheduler scheduler;

    private final String prefix = "u" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void countsEqualARecountThroughTheWholeLifecycle() throws Exception {
        Authors author = Authors.creator();
        String a = create(author, "A", "x", "y");
        String b = create(author, "B", "y", "z");
        assertCounts(0, 0, 0);

        author.as().post("/api/content/" + a + "/publish").then().statusCode(200);
        assertCounts(1, 1, 0);

        // A published piece's tags change: the gone one loses it, the new one gains it.
        author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"tags\":[\"" + prefix + "-y\",\"" + prefix + "-z\"]}").patch("/api/content/" + a)
                .then().statusCode(200);
        assertCounts(0, 1, 1);

        // A draft's tags change: nothing counts yet.
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"tags\":[\"" + prefix + "-x\",\"" + prefix + "-z\"]}").patch("/api/content/" + b)
                .then().statusCode(200);
        assertCounts(0, 1, 1);

        author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}")
                .post("/api/content/" + b + "/schedule").then().statusCode(200);
        assertCounts(0, 1, 1);
        clock.advance(Duration.ofHours(2));
        scheduler.publishDue();
        assertCounts(1, 1, 2);

        Authors.moderator().as().contentType(ContentType.JSON).body("{\"reason\":\"reported\"}")
                .post("/api/moderation/" + a + "/flag").then().statusCode(200);
        assertCounts(1, 0, 1);
        Authors.moderator().as().contentType(ContentType.JSON).body("{\"decision\":\"approve\"}")
                .post("/api/moderation/" + a + "/decision").then().statusCode(200);
        assertCounts(1, 0, 1);

        author.as().post("/api/content/" + b + "/archive").then().statusCode(200);
        assertCounts(0, 0, 0);

        author.as().post("/api/content/" + a + "/publish").then().statusCode(200);
        assertCounts(0, 1, 1);
        String etag = author.as().get("/api/content/" + a).then().statusCode(200).extract().header("ETag");
        author.as().header("If-Match", etag).delete("/api/content/" + a).then().statusCode(204);
        assertCounts(0, 0, 0);
    }

    private String create(Authors author, String title, String... tags) {
        StringBuilder list = new StringBuilder();
        for (String tag : tags) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(prefix).append('-').append(tag).append('"');
        }
        return author.as().contentType(ContentType.JSON).body("{\"type\":\"blog_post\",\"visibility\":\"public\",\"title\":\""
                + title + "\",\"body\":\"A body long enough to pass the rules.\",\"tags\":[" + list + "]}")
                .post("/api/content").then().statusCode(201).extract().path("id");
    }

    /** The stored counts of x, y, z; each must also equal its recount from the links. */
    private void assertCounts(long x, long y, long z) throws Exception {
        Map<String, List<Long>> found = new LinkedHashMap<>();
        String sql = "SELECT t.slug, t.usage_count, (SELECT COUNT(*) FROM content_tags ct JOIN content c ON c.id = ct.content_id "
                + "WHERE ct.tag_id = t.id AND c.status = 'published' AND c.deleted_at IS NULL) FROM tags t WHERE t.slug LIKE ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1).substring(prefix.length() + 1), List.of(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        for (var tag : found.entrySet()) {
            assertEquals(tag.getValue().get(1), tag.getValue().get(0), "stored count of " + tag.getKey() + " vs its recount");
        }
        assertEquals(Map.of("x", x, "y", y, "z", z), Map.of("x", found.get("x").get(0), "y", found.get("y").get(0),
                "z", found.getOrDefault("z", List.of(0L)).get(0)));
    }
}
