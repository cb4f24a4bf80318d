package com.mustbeviral.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * How the outbox relay publishes (prefix {@code platform.outbox}). The relay itself exists only in
 * services that publish: {@code platform.outbox.enabled=true}, a build-time property.
 */
@ConfigMapping(prefix = "platform.outbox")
public interface OutboxSettings {

    /** Whether this service publishes through the outbox (read at build time: the beans exist only then). */
    @WithDefault("false")
    boolean enabled();

    /** CloudEvents {@code source} of every event this service publishes. */
    @WithDefault("urn:mustbeviral:${quarkus.application.name}")
    URI eventSource();

    /** Sweep for unsent events this often; commits also wake the relay at once. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events published per round trip to Kafka. */
    @WithDefault("200")
    int batchSize();

    /** Longest wait for Kafka's acknowledgement of a batch before it is retried. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** Longest pause between two attempts while Kafka refuses; the pause doubles from the poll interval. */
    @WithDefault("30s")
    Duration maxBackoff();
}
