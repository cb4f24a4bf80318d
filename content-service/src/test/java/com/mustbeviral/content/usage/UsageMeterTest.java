package com.mustbeviral.content.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.contracts.billing.UsageIncremented;
import com.mustbeviral.platform.problem.Refusal;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meter on the real SQLite file, with the outbox relay publishing to the test broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class UsageMeterTest {

    @Inject
    UsageMeter meter;

    @Inject
    EntitlementsTable entitlements;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "content.usage.free.ai-generations")
    long freeGenerations;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aUserBillingNeverSpokeOfHasTheFreePlanThenA402ThatSaysWhichLimitUntilWhenAndWhereToUpgrade()
            throws Exception {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < freeGenerations; i++) {
            meter.commit(meter.reserve(user, Feature.AI_GENERATIONS));
        }

        Refusal refusal = assertThrows(Refusal.class, () -> meter.reserve(user, Feature.AI_GENERATIONS));

        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        Instant nextMonth = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertEquals(UsageRefusal.LIMIT_REACHED, refusal.reason());
        assertEquals("ai_generations", refusal.facts().get("limit"));
        assertEquals("free", refusal.facts().get("plan"));
        assertEquals(freeGenerations, refusal.facts().get("allowed"));
        assertEquals(freeGenerations, refusal.facts().get("used"));
        assertEquals(nextMonth.toString(), refusal.facts().get("period_end"));
        assertEquals("/api/billing/plans", refusal.facts().get("upgrade_url"));
        assertTrue(refusal.detail().contains("free plan allows " + freeGenerations + " ai generations"), refusal.detail());
        // Refused means not counted, and another feature has limits of its own.
        assertEquals(freeGenerations, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        meter.release(meter.reserve(user, Feature.PUBLISHES));
    }

    @Test
    void withNLeftExactlyNOf2NConcurrentReservationsSucceed() throws Exception {
        int n = 12;
        UUID user = UUID.randomUUID();
        entitle(user, n, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(29, ChronoUnit.DAYS));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Reservation>> attempts = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            attempts.add(() -> {
                start.await();
                try {
                    return meter.reserve(user, Feature.AI_GENERATIONS);
                } catch (Refusal refusal) {
                    return null;
                }
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(2 * n);
        List<Reservation> granted = new ArrayList<>();
        try {
            List<Future<Reservation>> results = new ArrayList<>();
            attempts.forEach(attempt -> results.add(threads.submit(attempt)));
            start.countDown();
            for (Future<Reservation> result : results) {
                Reservation reservation = result.get();
                if (reservation != null) {
                    granted.add(reservation);
                }
            }
        } finally {
            threads.shutdownNow();
        }

        assertEquals(n, granted.size());
        assertEquals(n, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        for (Reservation reservation : granted) {
            meter.commit(reservation);
        }
        UsageMeter.Usage usage = meter.usage(user, Feature.AI_GENERATIONS);
        assertEquals(n, usage.used());
        assertEquals(0, usage.reserved());
        assertEquals(n, outboxRowsAbout(user));
        assertThrows(Refusal.class, () -> meter.reserve(user, Feature.AI_GENERATIONS));
    }

    @Test
    void aCommitPublishesUsageIncrementedLikeTheExampleWithTheReservationAsEventIdAndCountsOnce() throws Exception {
        UUID user = UUID.randomUUID();
        Instant start = clock.instant().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(30, ChronoUnit.DAYS);
        entitle(user, 5, start, end);
        Reservation reservation = meter.reserve(user, Feature.AI_GENERATIONS);

        meter.commit(reservation);
        meter.commit(reservation);

        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(1, outboxRowsAbout(user));
        ConsumerRecord<String, String> record = awaitPublished(reservation.id().toString());
        assertEquals(UsageIncremented.TYPE, header(record, "ce_type"));
        assertEquals(user.toString(), record.key());
        JsonNode payload = json.readTree(record.value());
        assertEquals(fieldNames(json.readTree(ExamplePayloads.of(UsageIncremented.TYPE))), fieldNames(payload));
        assertEquals(user.toString(), payload.get("user_id").asText());
        assertEquals("ai_generations", payload.get("feature").asText());
        assertEquals(1, payload.get("quantity").asLong());
        assertEquals(start, Instant.parse(payload.get("period_start").asText()));
        assertEquals(end, Instant.parse(payload.get("period_end").asText()));
        // Billing reads it with the contract's record.
        UsageIncremented read = json.readValue(record.value(), UsageIncremented.class);
        assertEquals(user, read.userId());
    }

    @Test
    void aReleasedReservationGivesItsUnitBackAndCountsNothing() throws Exception {
        UUID user = UUID.randomUUID();
        entitle(user, 1, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(29, ChronoUnit.DAYS));
        Reservation failed = meter.reserve(user, Feature.AI_GENERATIONS);
        assertThrows(Refusal.class, () -> meter.reserve(user, Feature.AI_GENERATIONS));

        meter.release(failed);
        meter.release(failed);

        Reservation next = meter.reserve(user, Feature.AI_GENERATIONS);
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        assertEquals(0, outboxRowsAbout(user));
        assertThrows(IllegalStateException.class, () -> meter.commit(failed));
        meter.commit(next);
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).used());
    }

    @Test
    void aReservationHeldPastItsTimeExpiresAndFreesItsUnit() throws Exception {
        UUID user = UUID.randomUUID();
        entitle(user, 1, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(29, ChronoUnit.DAYS));
        Reservation abandoned = meter.reserve(user, Feature.AI_GENERATIONS);
        clock.advance(Duration.ofMinutes(4));
        assertThrows(Refusal.class, () -> meter.reserve(user, Feature.AI_GENERATIONS));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Reservation next = meter.reserve(user, Feature.AI_GENERATIONS);

        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        meter.release(abandoned); // too late: it expired, and the unit it held is next's now
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        meter.commit(next);
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).reserved());
    }

    @Test
    void theSweepGivesBackAbandonedUnitsWithoutWaitingForTheUsersNextRequest() throws Exception {
        UUID user = UUID.randomUUID();
        entitle(user, 2, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(29, ChronoUnit.DAYS));
        Reservation abandoned = meter.reserve(user, Feature.AI_GENERATIONS);
        clock.advance(Duration.ofMinutes(3));
        Reservation young = meter.reserve(user, Feature.AI_GENERATIONS);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertTrue(meter.expireAbandoned() >= 1);

        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        assertEquals("expired", stateOf(abandoned));
        assertEquals("reserved", stateOf(young));
        assertEquals(0, meter.expireAbandoned()); // the same instant: nothing more is stale
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        meter.commit(young);
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).reserved());
    }

    @Test
    void anInstantActionIsCountedInItsOwnTransactionOrRefusedWithIt() throws Exception {
        UUID user = UUID.randomUUID();
        entitle(user, 1, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(29, ChronoUnit.DAYS));

        Reservation counted = QuarkusTransaction.requiringNew().call(() -> meter.countNow(user, Feature.PUBLISHES));
        Refusal refusal = assertThrows(Refusal.class,
                () -> QuarkusTransaction.requiringNew().call(() -> meter.countNow(user, Feature.PUBLISHES)));

        assertEquals("publishes", refusal.facts().get("limit"));
        assertEquals(1, meter.usage(user, Feature.PUBLISHES).used());
        assertEquals(0, meter.usage(user, Feature.PUBLISHES).reserved());
        assertEquals(1, outboxRowsAbout(user));
        assertEquals(1, outboxRowsWithId(counted.id().toString()));
        // A caller whose own change fails takes the count back with it.
        UUID other = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            try {
                meter.countNow(other, Feature.PUBLISHES);
            } catch (SQLException e) {
                throw new IllegalArgumentException(e);
            }
            throw new IllegalStateException("the publication failed");
        }));
        assertEquals(0, meter.usage(other, Feature.PUBLISHES).used());
        assertEquals(0, outboxRowsAbout(other));
    }

    @Test
    void aBilledPeriodThatEndedGoesOnUntilBillingSaysMore() throws Exception {
        UUID user = UUID.randomUUID();
        Instant start = clock.instant().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(30, ChronoUnit.DAYS);
        entitle(user, 3, start, end);

        meter.commit(meter.reserve(user, Feature.AI_GENERATIONS));

        UsageMeter.Usage usage = meter.usage(user, Feature.AI_GENERATIONS);
        assertEquals("pro", usage.plan());
        assertEquals(3, usage.limit());
        assertEquals(end, usage.periodStart());
        assertEquals(end.plus(30, ChronoUnit.DAYS), usage.periodEnd());
        assertEquals(1, usage.used());
    }

    /** A plan of {@code limit} AI generations and as many publications. */
    private void entitle(UUID user, long limit, Instant periodStart, Instant periodEnd) {
        EntitlementsUpdated update = new EntitlementsUpdated(user, "pro",
                new EntitlementsUpdated.Limits(limit, limit, 1000), periodStart, periodEnd);
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                entitlements.keepNewest(UUID.randomUUID().toString(), update, clock.instant());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int outboxRowsAbout(UUID user) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM outbox WHERE subject = ? AND topic = ? AND event_type = ?")) {
            ps.setString(1, user.toString());
            ps.setString(2, Topics.BILLING_USAGE);
            ps.setString(3, UsageIncremented.TYPE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String stateOf(Reservation reservation) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state FROM usage_reservations WHERE id = ?")) {
            ps.setString(1, reservation.id().toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int outboxRowsWithId(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private ConsumerRecord<String, String> awaitPublished(String eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) {
                    partitions = consumer.partitionsFor(Topics.BILLING_USAGE, Duration.ofSeconds(1)).stream()
                            .map(p -> new TopicPartition(Topics.BILLING_USAGE, p.partition())).toList();
                    if (partitions.isEmpty()) {
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (eventId.equals(header(record, "ce_id"))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No " + eventId + " on " + Topics.BILLING_USAGE + " within 30 s");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
