package com.mustbeviral.platform.outbox;

import com.mustbeviral.platform.sqlite.SharedTransactions;
import com.mustbeviral.platform.time.Backoff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox events to Kafka as CloudEvents (binary mode) on the {@code outbox}
 * channel, in commit order, and marks them sent once Kafka acknowledged them. A commit wakes it at
 * once; a periodic sweep retries what failed, pausing longer after each refusal (up to
 * {@code platform.outbox.max-backoff}) while the broker is away. Delivery is at least once: a crash
 * between the acknowledgement and the mark resends, and consumers deduplicate by event id.
 * Metrics: {@code outbox_unsent_events}, {@code outbox_oldest_unsent_age_seconds},
 * {@code outbox_publish_latency_seconds} (from the change to Kafka's acknowledgement).
 */
@ApplicationScoped
@IfBuildProperty(name = "platform.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> emitter;
    private final OutboxSettings settings;
    private final DurabilityBarrier durability;
    private final SharedTransactions shared;
    private final Clock clock;
    private final Timer publishLatency;
    // One drain at a time keeps commit order; a wake-up during a drain schedules one more.
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "outbox-sweep"));
    // Touched only by the drainer thread.
    private Duration backoff = Duration.ZERO;
    private Instant pausedUntil = Instant.MIN;

    OutboxRelay(OutboxRepository outbox,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024) MutinyEmitter<String> emitter,
            OutboxSettings settings, DurabilityBarrier durability, SharedTransactions shared, Clock clock,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.shared = shared;
        this.emitter = emitter;
        this.settings = settings;
        this.durability = durability;
        this.clock = clock;
        this.publishLatency = Timer.builder("outbox.publish.latency")
                .description("From the change to Kafka's acknowledgement of its event").register(registry);
        Gauge.builder("outbox.unsent.events", this, relay -> relay.measure(() -> relay.outbox.unsentCount()))
                .description("Events committed but not yet acknowledged by Kafka").register(registry);
        Gauge.builder("outbox.oldest.unsent.age.seconds", this, relay -> relay.measure(() -> relay.outbox
                .oldestUnsent().map(at -> Duration.between(at, relay.clock.instant()).toMillis() / 1000.0).orElse(0.0)))
                .description("Age of the oldest event not yet acknowledged by Kafka").register(registry);
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wake();
    }

    // Not @Scheduled: Quarkus' scheduler ticks once a second, and the interval may be shorter.
    void onStart(@Observes StartupEvent event) {
        long millis = settings.pollInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::wake, millis, millis, TimeUnit.MILLISECONDS);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        sweeper.shutdown();
        drainer.shutdown();
    }

    /** Asks for a drain; cheap to call often. */
    public void wake() {
        if (drainQueued.compareAndSet(false, true) && !drainer.isShutdown()) {
            drainer.execute(this::drain);
        }
    }

    private void drain() {
        drainQueued.set(false);
        if (clock.instant().isBefore(pausedUntil)) {
            return; // Kafka refused lately: the sweep comes back after the pause
        }
        try {
            List<PendingEvent> batch;
            do {
                batch = outbox.unsent(settings.batchSize());
                if (!batch.isEmpty() && !publish(batch)) {
                    pause();
                    return;
                }
            } while (batch.size() == settings.batchSize());
            backoff = Duration.ZERO;
        } catch (Exception e) {
            LOG.warn("Outbox drain failed; will retry", e);
            pause();
        }
    }

    private void pause() {
        backoff = backoff.isZero() ? settings.pollInterval() : Backoff.after(backoff, settings.maxBackoff());
        pausedUntil = clock.instant().plus(backoff);
    }

    /** Sends a batch and waits for every acknowledgement; true when all of it is marked sent. */
    private boolean publish(List<PendingEvent> batch) throws SQLException {
        durability.awaitAllDurable(); // never publish a change a power cut could still undo
        List<Uni<Void>> sends = batch.stream().map(e -> emitter.sendMessage(toMessage(e))).toList();
        try {
            Uni.join().all(sends).andFailFast().await().atMost(settings.sendTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("Kafka did not acknowledge %d outbox events: %s", batch.size(), e.getMessage());
            outbox.markFailed(batch.get(0).position(), e.toString());
            return false;
        }
        Instant now = clock.instant();
        List<Long> positions = batch.stream().map(PendingEvent::position).toList();
        // With the service's other small writes, not a write turn of its own between theirs.
        shared.run(() -> {
            outbox.markSent(positions, now);
            return null;
        });
        for (PendingEvent event : batch) {
            publishLatency.record(Duration.between(event.occurredAt(), now).abs());
        }
        return true;
    }

    private Message<String> toMessage(PendingEvent event) {
        return Message.of(event.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic())
                        .withKey(event.subject())
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.type())
                        .withSource(settings.eventSource())
                        .withSubject(event.subject())
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }

    private double measure(SqlMeasure measure) {
        try {
            return measure.value();
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private interface SqlMeasure {
        double value() throws SQLException;
    }
}
