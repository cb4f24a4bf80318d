package com.mustbeviral.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.billing.service.Period;
import com.mustbeviral.billing.service.UsageIntake;
import com.mustbeviral.contracts.billing.UsageLimitReached;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A polled batch booked set-wise (UsageIntake.bookAll called as the consumer calls it): redeliveries and
 * repeats inside a batch count once, a failure anywhere in the batch leaves nothing of it behind, and the
 * limit is announced at the event that reached it, with each user's own plan.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class UsageBatchTest {

    @Inject
    UsageIntake intake;

    @Inject
    InboundEvents inbound;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    TestClock clock;

    private long offset;

    @Test
    void aRedeliveredBatchBooksNothingTheSecondTime() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        List<InboundEvent> batch = List.of(usage(user, "publishes", 2, month), usage(user, "publishes", 3, month),
                usage(user, "api_calls", 7, month));

        assertEquals(3, intake.bookAll(batch));
        assertEquals(0, intake.bookAll(batch));

        assertEquals(5, used(user, "publishes"));
        assertEquals(7, used(user, "api_calls"));
        assertEquals(3, claimed(batch));
    }

    @Test
    void anIdRepeatedInsideABatchIsBookedOnce() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        InboundEvent once = usage(user, "publishes", 4, month);
        InboundEvent other = usage(user, "publishes", 1, month);

        assertEquals(2, intake.bookAll(List.of(once, other, once, once, other)));

        assertEquals(5, used(user, "publishes"));
    }

    @Test
    void eventsNamingTheSamePeriodStartWithAnotherEndShareTheirCounter() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        Period stretched = new Period(month.start(), month.end().plusSeconds(3600));

        assertEquals(3, intake.bookAll(List.of(usage(user, "publishes", 2, month), usage(user, "publishes", 3, stretched),
                usage(user, "publishes", 4, month))));

        assertEquals(9, used(user, "publishes"));
    }

    @Test
    void aBatchOfManyUsersIsBookedExactlyAcrossStatementBoundaries() throws Exception {
        Period month = Period.calendarMonth(clock.instant());
        List<UUID> users = new ArrayList<>();
        List<InboundEvent> batch = new ArrayList<>();
        for (int i = 0; i < 700; i++) { // more counters and users than one statement takes
            users.add(UUID.randomUUID());
        }
        for (int round = 0; round < 3; round++) {
            for (UUID user : users) {
                batch.add(usage(user, "api_calls", round + 1, month));
            }
        }
        batch.add(batch.get(5)); // and a repeat after the first statement's ids

        assertEquals(2100, intake.bookAll(batch));

        for (UUID user : users) {
            assertEquals(6, used(user, "api_calls"));
        }
    }

    @Test
    void aFailureLateInTheBatchRollsBackTheWholeBatch() throws Exception {
        UUID bystander = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        List<InboundEvent> batch = new ArrayList<>();
        batch.add(usage(bystander, "publishes", 3, month));
        for (int i = 0; i < 10; i++) {
            batch.add(usage(failing, "ai_generations", 1, month)); // the 10th reaches the free plan's limit
        }
        // The last write of the batch, the limit's announcement in the outbox, fails: the claims and
        // the ledger rows written before it in the same transaction must go with it.
        execute("CREATE TRIGGER fail_" + failing.toString().replace('-', '_') + " BEFORE INSERT ON outbox WHEN NEW.subject = '"
                + failing + "' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        try {
            assertThrows(Exception.class, () -> intake.bookAll(batch));
        } finally {
            execute("DROP TRIGGER fail_" + failing.toString().replace('-', '_'));
        }

        assertEquals(0, claimed(batch));
        assertEquals(0, used(bystander, "publishes"));
        assertEquals(0, used(failing, "ai_generations"));
        assertEquals(List.of(), Outboxed.types(dataSource, failing));

        assertEquals(11, intake.bookAll(batch)); // redelivered after the failure: booked in full, once
        assertEquals(3, used(bystander, "publishes"));
        assertEquals(10, used(failing, "ai_generations"));
        assertEquals(List.of(UsageLimitReached.TYPE), Outboxed.types(dataSource, failing));
    }

    @Test
    void theLimitIsAnnouncedOnceAtTheEventThatReachedItUnderEachUsersPlan() throws Exception {
        TestTokens proToken = TestTokens.user();
        UUID pro = UUID.fromString(proToken.claimValue("sub"));
        SubscriptionTest.change(proToken, "pro", false).statusCode(200);
        JsonPath proUsage = SubscriptionTest.as(proToken).get("/api/billing/usage").then().statusCode(200).extract()
                .jsonPath();
        Period proPeriod = new Period(Instant.parse(proUsage.getString("period_start")),
                Instant.parse(proUsage.getString("period_end")));
        UUID free = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());

        List<InboundEvent> batch = List.of(usage(free, "ai_generations", 6, month),
                usage(pro, "ai_generations", 150, proPeriod), usage(free, "ai_generations", 5, month),
                usage(free, "ai_generations", 2, month), usage(pro, "ai_generations", 60, proPeriod),
                usage(pro, "ai_generations", 1, proPeriod));
        assertEquals(6, intake.bookAll(batch));
        intake.bookAll(List.of(usage(free, "ai_generations", 1, month), usage(pro, "ai_generations", 1, proPeriod)));

        assertEquals(14, used(free, "ai_generations"));
        assertEquals(212, used(pro, "ai_generations"));
        JsonNode freeReached = onlyLimitReached(free);
        assertEquals("free", freeReached.get("plan").asText());
        assertEquals(10, freeReached.get("limit").asLong());
        assertEquals(11, freeReached.get("used").asLong()); // 6 + 5: the event that reached 10
        JsonNode proReached = onlyLimitReached(pro);
        assertEquals("pro", proReached.get("plan").asText());
        assertEquals(200, proReached.get("limit").asLong());
        assertEquals(210, proReached.get("used").asLong());
        assertEquals(proPeriod.start().toString(), proReached.get("period_start").asText());
    }

    @Test
    void unitsOfAnotherPeriodThanTheCurrentOneAnnounceNothing() throws Exception {
        UUID user = UUID.randomUUID();
        Period month = Period.calendarMonth(clock.instant());
        Period last = Period.calendarMonth(month.start().minusSeconds(1));

        assertEquals(1, intake.bookAll(List.of(usage(user, "ai_generations", 25, last))));

        assertEquals(25, used(user, "ai_generations"));
        assertEquals(List.of(), Outboxed.types(dataSource, user));
    }

    private JsonNode onlyLimitReached(UUID user) throws Exception {
        List<Outboxed.Event> reached = Outboxed.of(dataSource, user).stream()
                .filter(event -> event.type().equals(UsageLimitReached.TYPE)).toList();
        assertEquals(1, reached.size(), reached::toString);
        return json.readTree(reached.get(0).payload());
    }

    private InboundEvent usage(UUID user, String feature, long quantity, Period period) {
        ProducerRecord<String, String> sent = UsageLedgerTest.usage(UUID.randomUUID().toString(), user, feature, quantity,
                period);
        ConsumerRecord<String, String> record = new ConsumerRecord<>(sent.topic(), 0, offset++, 0L,
                TimestampType.CREATE_TIME, -1, -1, sent.key(), sent.value(), sent.headers(), Optional.empty());
        return inbound.read(record);
    }

    private int claimed(List<InboundEvent> batch) throws SQLException {
        int claimed = 0;
        for (String id : batch.stream().map(InboundEvent::id).distinct().toList()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    claimed += rs.next() ? 1 : 0;
                }
            }
        }
        return claimed;
    }

    private long used(UUID user, String feature) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(used), 0) FROM usage_counters WHERE user_id = ? AND feature = ?")) {
            ps.setString(1, user.toString());
            ps.setString(2, feature);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
