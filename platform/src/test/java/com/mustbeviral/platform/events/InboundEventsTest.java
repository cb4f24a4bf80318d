package com.mustbeviral.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mustbeviral.platform.revocation.SessionRevocation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The one consumer policy, without a broker: which records are retried, which dead-lettered, and when. */
class InboundEventsTest {

    private final List<String> deadLettered = new ArrayList<>();
    private final InboundEvents inbound = new InboundEvents(new RecordingDeadLetters(), settings(3),
            new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void aRecordWithoutCloudEventAttributesIsDeadLetteredWithoutCallingTheHandler() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        inbound.handle(record(0, null, "{}"), event -> calls.incrementAndGet());

        assertEquals(0, calls.get());
        assertEquals(List.of("0:Not a CloudEvent: ce_id, ce_type or ce_source is missing"), deadLettered);
    }

    @Test
    void anUndecodableEventIsDeadLetteredAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        inbound.handle(record(0, "session.revoked", "not json"), event -> {
            calls.incrementAndGet();
            SessionRevocation.of(event);
        });

        assertEquals(1, calls.get());
        assertEquals(1, deadLettered.size());
        assertTrue(deadLettered.get(0).contains("does not parse as SessionRevoked"), deadLettered.get(0));
    }

    @Test
    void aFailingHandlerIsRetriedUpToTheLimitThenDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        inbound.handle(record(7, "user.registered", "{}"), event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("database away");
        });

        assertEquals(3, calls.get());
        assertEquals(List.of("7:database away"), deadLettered);
    }

    @Test
    void aHandlerThatSucceedsOnARetryDeadLettersNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        inbound.handle(record(0, "user.registered", "{}"), event -> {
            if (calls.incrementAndGet() < 2) {
                throw new IllegalStateException("busy");
            }
        });

        assertEquals(2, calls.get());
        assertEquals(List.of(), deadLettered);
    }

    @Test
    void aFailingBatchIsRetriedOneEventAtATimeSoThatOnlyTheBadOneIsDeadLettered() throws Exception {
        List<String> handled = new ArrayList<>();
        inbound.handleBatch(List.of(record(0, "a", "{}"), record(1, "poison", "{}"), record(2, "b", "{}"),
                record(3, null, "{}")), events -> {
                    if (events.stream().anyMatch(e -> e.type().equals("poison"))) {
                        throw new IllegalStateException("poison in " + events.size());
                    }
                    events.forEach(e -> handled.add(e.type()));
                });

        assertEquals(List.of("a", "b"), handled);
        assertEquals(2, deadLettered.size());
        assertTrue(deadLettered.get(0).startsWith("3:Not a CloudEvent"), deadLettered.get(0));
        assertEquals("1:poison in 1", deadLettered.get(1));
    }

    @Test
    void readsTheCloudEventAttributesAndFallsBackToTheBrokerTimeWithoutCeTime() {
        InboundEvent event = inbound.read(record(5, "user.registered", "{\"a\":1}"));

        assertEquals("id-5", event.id());
        assertEquals("user.registered", event.type());
        assertEquals("urn:mustbeviral:test", event.source());
        assertEquals("subject-5", event.subject());
        assertEquals(Instant.ofEpochMilli(1_000), event.time());
        assertEquals(new RecordPosition("t", 0, 5), event.position());
    }

    @Test
    void aRevocationWithoutItsSessionIsUndecodableAndOtherTypesAreNoRevocation() {
        var noSession = inbound.read(record(0, "session.revoked", "{\"access_tokens_expire_by\":\"2026-12-04T00:00:00Z\"}"));
        assertThrows(UndecodableEvent.class, () -> SessionRevocation.of(noSession));
        assertTrue(SessionRevocation.of(inbound.read(record(1, "session.created", "{}"))).isEmpty());
    }

    private static ConsumerRecord<String, String> record(long offset, String type, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, offset, 1_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "key", value,
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
        if (type != null) {
            Map.of("ce_id", "id-" + offset, "ce_type", type, "ce_source", "urn:mustbeviral:test", "ce_subject",
                    "subject-" + offset).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    private static ConsumerSettings settings(int maxAttempts) {
        return new ConsumerSettings() {
            public int maxAttempts() {
                return maxAttempts;
            }

            public Duration firstBackoff() {
                return Duration.ofMillis(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(2);
            }

            public Duration deadLetterTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    /** Records what would go to the dead-letter topic instead of sending it. */
    private final class RecordingDeadLetters extends DeadLetters {
        RecordingDeadLetters() {
            super(Map.of(), settings(1), new SimpleMeterRegistry(), "test");
        }

        @Override
        public void send(ConsumerRecord<String, String> record, Throwable why) {
            deadLettered.add(record.offset() + ":" + why.getMessage());
        }
    }
}
