package com.mustbeviral.platform.events;

import com.mustbeviral.platform.time.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The fleet's one dead-letter policy: a record that cannot be handled goes, unchanged (key, value,
 * headers), to {@code <topic>.dlq}, with why in {@code dead-letter-*} headers, and is counted
 * ({@code platform_events_dead_lettered_total}). The send is retried until the broker has it, so a
 * record is never lost; the consumer then moves on, so a partition never stalls on it.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String SUFFIX = ".dlq";
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER = "dead-letter-consumer";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Map<String, Object> kafkaConfig;
    private final ConsumerSettings settings;
    private final MeterRegistry registry;
    private final String consumer;
    private KafkaProducer<String, String> producer;

    DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerSettings settings,
            MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.kafkaConfig = kafkaConfig;
        this.settings = settings;
        this.registry = registry;
        this.consumer = consumer;
    }

    /** Sends {@code record} to its dead-letter topic; returns once the broker acknowledged it. */
    public void send(ConsumerRecord<String, String> record, Throwable why) throws InterruptedException {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        ProducerRecord<String, String> letter = new ProducerRecord<>(record.topic() + SUFFIX, null, record.key(),
                record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        letter.headers().add(REASON, utf8(reason));
        letter.headers().add(CAUSE, utf8(why.getClass().getName()));
        letter.headers().add(TOPIC, utf8(record.topic()));
        letter.headers().add(PARTITION, utf8(Integer.toString(record.partition())));
        letter.headers().add(OFFSET, utf8(Long.toString(record.offset())));
        letter.headers().add(CONSUMER, utf8(consumer));
        Duration backoff = settings.firstBackoff();
        while (true) {
            try {
                producer().send(letter).get(settings.deadLetterTimeout().toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // The broker that delivered the record is away or refusing: nothing moves until it is back.
                LOG.warnf("Could not dead-letter %s/%d/%d yet, retrying: %s", record.topic(), record.partition(),
                        record.offset(), e.getCause() == null ? e : e.getCause());
                Thread.sleep(backoff.toMillis());
                backoff = Backoff.after(backoff, settings.maxBackoff());
            }
        }
        registry.counter("platform.events.dead.lettered", "topic", record.topic(), "cause",
                why instanceof UndecodableEvent ? "undecodable" : "failed").increment();
        LOG.errorf("Dead-lettered %s/%d/%d to %s: %s", record.topic(), record.partition(), record.offset(),
                record.topic() + SUFFIX, reason);
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            // The broker settings every channel shares (kafka.*), minus what only consumers know.
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (ProducerConfig.configNames().contains(key)) {
                    config.put(key, value);
                }
            });
            int timeout = (int) settings.deadLetterTimeout().toMillis();
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout / 2); // Kafka wants delivery >= request + linger
            config.put(ProducerConfig.CLIENT_ID_CONFIG, consumer + "-dead-letters");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
