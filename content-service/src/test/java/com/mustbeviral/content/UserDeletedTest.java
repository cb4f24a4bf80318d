package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.UserDeleted;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.ExamplePayloads;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
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

/** user.deleted on auth.users (the contract's example payload) withdraws the author's content and metering, once. */
@QuarkusTest
class UserDeletedTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDeletedAccountsContentLeavesEveryReaderAndARedeliveryChangesNothing() throws Exception {
        Authors author = Authors.creator();
        String published = author.published("Soon gone");
        String draft = author.draft("Also gone");
        Authors other = Authors.creator();
        String otherAuthors = other.published("Stays");
        long meteredBefore = usageRowsOf(author.id);
        String payload = ExamplePayloads.of(UserDeleted.TYPE).replace("6f1c1a4e-8d4b-4a39-9a52-3c8f9e0b7d21", author.id);
        String eventId = UUID.randomUUID().toString();
        var record = CloudEventRecords.of(Topics.AUTH_USERS, eventId, UserDeleted.TYPE, author.id, payload);
        CloudEventRecords.send(record, record);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertProblem(given().get("/api/content/" + published).then(), 404));
        assertProblem(author.as().get("/api/content/" + draft).then(), 404);
        given().get("/api/content/" + otherAuthors).then().statusCode(200);
        // The second delivery was claimed already: one withdrawal event per piece.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(
                List.of("content.created", "content.updated", "content.published", "content.updated"),
                Outboxed.types(dataSource, published)));
        // The publication was metered; a deleted account's counters and reservations go with it.
        assertTrue(meteredBefore > 0);
        assertEquals(0, usageRowsOf(author.id));
        assertEquals(meteredBefore, usageRowsOf(other.id));
    }

    /** The user's rows in the metering tables (counters and reservations). */
    private long usageRowsOf(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT COUNT(*) FROM usage_counters WHERE user_id = ?)
                     + (SELECT COUNT(*) FROM usage_reservations WHERE user_id = ?)""")) {
            ps.setString(1, userId);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
