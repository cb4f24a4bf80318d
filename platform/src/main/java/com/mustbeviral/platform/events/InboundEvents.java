package com.mustbeviral.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.platform.time.Backoff;
import com.mustbeviral.platform.time.IsoInstants;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's handler on each record under the fleet's one policy: the record is read as a
 * CloudEvent; a record that is not one, or that the handler finds {@link UndecodableEvent}, is
 * dead-lettered at once; any other failure is retried with backoff
 * ({@code platform.events.max-attempts}) and then dead-lettered. Either way the consumer moves on:
 * one bad record never stops a partition. Call it from a {@code @Blocking} consumer.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    private final DeadLetters deadLetters;
    private final ConsumerSettings settings;
    private final ObjectMapper json;

    InboundEvents(DeadLetters deadLetters, ConsumerSettings settings, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.json = json;
    }

    /** Handles one message and acknowledges it once handled or dead-lettered. */
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> handle(Message<String> message, EventHandler handler) {
        ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("Not a Kafka message: " + message));
        try {
            handle(record, handler);
            return message.ack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e); // shutting down: the record is redelivered to the next owner
        }
    }

    /** Handles one record; returns once it is handled or dead-lettered. */
    public void handle(ConsumerRecord<String, String> record, EventHandler handler) throws InterruptedException {
        InboundEvent event;
        try {
            event = read(record);
        } catch (UndecodableEvent e) {
            deadLetters.send(record, e);
            return;
        }
        Exception failure = withRetries(event.type() + " " + event.id(), () -> handler.handle(event));
        if (failure != null) {
            deadLetters.send(record, failure);
        }
    }

    /**
     * Handles a polled batch in one call of {@code handler} (e.g. one transaction for all of it):
     * the records that are not CloudEvents are dead-lettered first; if the batch keeps failing, each
     * event is handled alone under the one-record policy, so that only the bad one is dead-lettered.
     */
    public void handleBatch(Iterable<ConsumerRecord<String, String>> records, BatchHandler handler)
            throws InterruptedException {
        Map<InboundEvent, ConsumerRecord<String, String>> events = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.put(read(record), record);
            } catch (UndecodableEvent e) {
                deadLetters.send(record, e);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        List<InboundEvent> batch = List.copyOf(events.keySet());
        Exception failure = withRetries("a batch of " + batch.size(), () -> handler.handle(batch));
        if (failure != null) {
            for (Map.Entry<InboundEvent, ConsumerRecord<String, String>> event : events.entrySet()) {
                handle(event.getValue(), one -> handler.handle(List.of(event.getKey())));
            }
        }
    }

    /** Runs {@code work} until it succeeds (null) or gives up: at once on UndecodableEvent, else after the bounded retries. */
    private Exception withRetries(String what, Work work) throws InterruptedException {
        Duration backoff = settings.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return null;
            } catch (UndecodableEvent e) {
                return e;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= settings.maxAttempts()) {
                    LOG.errorf(e, "%s failed %d times", what, attempt);
                    return e;
                }
                LOG.warnf("%s failed (attempt %d of %d), retrying in %s: %s", what, attempt, settings.maxAttempts(),
                        backoff, e);
                Thread.sleep(backoff.toMillis());
                backoff = Backoff.after(backoff, settings.maxBackoff());
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The record as a CloudEvent in binary mode, or {@link UndecodableEvent}. */
    public InboundEvent read(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        String source = header(record, "ce_source");
        if (id == null || id.isBlank() || type == null || type.isBlank() || source == null || source.isBlank()) {
            throw new UndecodableEvent("Not a CloudEvent: ce_id, ce_type or ce_source is missing");
        }
        if (record.value() == null) {
            throw new UndecodableEvent("A " + type + " CloudEvent without data");
        }
        return new InboundEvent(id, type, source, header(record, "ce_subject"), time(record), record.value(),
                new RecordPosition(record.topic(), record.partition(), record.offset()), json);
    }

    private static Instant time(ConsumerRecord<String, String> record) {
        String time = header(record, "ce_time");
        if (time != null) {
            try {
                return IsoInstants.parse(time);
            } catch (DateTimeParseException ignored) {
                // the broker's timestamp is the next best answer
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
