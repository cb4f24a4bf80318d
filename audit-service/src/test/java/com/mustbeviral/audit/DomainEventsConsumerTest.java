package com.mustbeviral.audit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.UserRegistered;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DomainEventsConsumerTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void recordsAnEventDeliveredTwiceExactlyOnce() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String subject = UUID.randomUUID().toString();
        // A later event on the same partition proves both copies of the first were consumed.
        CloudEventRecords.send(userRegistered(eventId, subject), userRegistered(eventId, subject),
                userRegistered(UUID.randomUUID().toString(), subject));

        await().atMost(Duration.ofSeconds(20)).until(() -> countBySubject(subject) == 2);
        assertEquals(1, countByEventId(eventId));
    }

    @Test
    void aRecordThatIsNotACloudEventIsDeadLetteredAndTheNextEventIsRecorded() throws Exception {
        String subject = UUID.randomUUID().toString();
        String notACloudEvent = "{\"not\":\"a cloud event\",\"marker\":\"%s\"}".formatted(subject);
        // Same key, same partition: the good event comes after the bad record.
        CloudEventRecords.send(new ProducerRecord<>(Topics.AUTH_USERS, subject, notACloudEvent),
                userRegistered(UUID.randomUUID().toString(), subject));

        await().atMost(Duration.ofSeconds(20)).until(() -> countBySubject(subject) == 1);
        var letter = DeadLetterTopic.awaitLetter(Topics.AUTH_USERS, DeadLetterTopic.withValue(notACloudEvent));
        assertEquals(Optional.of(subject), Optional.ofNullable(letter.key()));
        assertEquals(Optional.of("audit-service"), DeadLetterTopic.header(letter, "dead-letter-consumer"));
        assertTrue(DeadLetterTopic.header(letter, "dead-letter-reason").orElseThrow().contains("Not a CloudEvent"));
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE payload = ?", notACloudEvent));
    }

    @Test
    void chainStaysVerifiableAfterEvents() throws Exception {
        String subject = UUID.randomUUID().toString();
        CloudEventRecords.send(userRegistered(UUID.randomUUID().toString(), subject));
        await().atMost(Duration.ofSeconds(20)).until(() -> countBySubject(subject) == 1);

        verifyAsAdmin().then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void verifyReportsATamperedRecord() throws Exception {
        String subject = UUID.randomUUID().toString();
        CloudEventRecords.send(userRegistered(UUID.randomUUID().toString(), subject));
        await().atMost(Duration.ofSeconds(20)).until(() -> countBySubject(subject) == 1);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE audit_log SET payload = '{}' WHERE subject = ?")) {
            ps.setString(1, subject);
            ps.executeUpdate();
        }

        try {
            verifyAsAdmin().then().statusCode(200).body("valid", equalTo(false));
        } finally {
            // Other tests expect an intact chain: this one broke it on purpose, so it leaves no trace.
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE seq >= (SELECT seq FROM audit_log WHERE subject = ?)")) {
                ps.setString(1, subject);
                ps.executeUpdate();
            }
        }
    }

    private ProducerRecord<String, String> userRegistered(String eventId, String subject) {
        return CloudEventRecords.of(Topics.AUTH_USERS, eventId, UserRegistered.TYPE, subject, ExamplePayloads.of(UserRegistered.TYPE));
    }

    private long countBySubject(String subject) throws Exception {
        return count("SELECT count(*) FROM audit_log WHERE subject = ?", subject);
    }

    private long countByEventId(String eventId) throws Exception {
        return count("SELECT count(*) FROM audit_log WHERE event_id = ?", eventId);
    }

    private long count(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Response verifyAsAdmin() {
        return RestAssured.given().header("Authorization", TestTokens.user().claim("role", "admin").asBearer())
                .get("/api/audit/verify");
    }
}
