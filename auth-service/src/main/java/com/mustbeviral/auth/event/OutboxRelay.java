package com.mustbeviral.auth.event;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.repository.GroupCommit;
import com.mustbeviral.auth.repository.OutboxRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
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
 * Publishes committed outbox events to Kafka as CloudEvents, in commit order, and marks them sent
 * once Kafka acknowledged them. A commit wakes it at once; a periodic sweep retries what failed.
 * Delivery is at least once: a crash between the acknowledgement and the mark resends, and
 * consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> emitter;
    private final AuthConfig config;
    private final GroupCommit groupCommit;
    private final Clock clock = Clock.systemUTC();
    // One drain at a time keeps commit order; a wake-up during a drain schedules one more.
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "outbox-sweep"));

    OutboxRelay(OutboxRepository outbox,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024) MutinyEmitter<String> emitter,
            AuthConfig config, GroupCommit groupCommit) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
        this.groupCommit = groupCommit;
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wake();
    }

    // Not @Scheduled: Quarkus' scheduler ticks once a second, and the interval may be shorter.
    void onStart(@Observes StartupEvent event) {
        long millis = config.outbox().pollInterval().toMillis();
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
        try {
            List<PendingEvent> batch;
            do {
                batch = outbox.unsent(config.outbox().batchSize());
                if (!batch.isEmpty() && !publish(batch)) {
                    return; // Kafka is unhappy: the sweep retries later.
                }
            } while (batch.size() == config.outbox().batchSize());
        } catch (Exception e) {
            LOG.warn("Outbox drain failed; will retry", e);
        }
    }

    /** Sends a batch and waits for every acknowledgement; true when all of it is marked sent. */
    private boolean publish(List<PendingEvent> batch) throws Exception {
        groupCommit.awaitAllDurable(); // never publish a change a power cut could still undo
        List<Uni<Void>> sends = batch.stream().map(e -> emitter.sendMessage(toMessage(e))).toList();
        try {
            Uni.join().all(sends).andFailFast().await().atMost(config.outbox().sendTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("Kafka did not acknowledge %d outbox events: %s", batch.size(), e.getMessage());
            outbox.markFailed(batch.get(0).position(), e.toString());
            return false;
        }
        List<Long> positions = batch.stream().map(PendingEvent::position).toList();
        outbox.markSent(positions, clock.instant());
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
                        .withSource(config.eventSource())
                        .withSubject(event.subject())
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }
}
