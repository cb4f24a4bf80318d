package com.mustbeviral.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Configuration of auth-service (prefix {@code auth}). */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** CloudEvents {@code source} of every event this service publishes. */
    @WithDefault("urn:mustbeviral:auth-service")
    URI eventSource();

    /** How the outbox relay publishes. */
    Outbox outbox();

    /** argon2id cost; the defaults are OWASP's recommendation (m=19 MiB, t=2, p=1). */
    Password password();

    interface Outbox {
        /** Sweep for unsent events this often; commits also wake the relay at once. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events published per round trip to Kafka. */
        @WithDefault("200")
        int batchSize();

        /** Longest wait for Kafka's acknowledgement of a batch before it is retried. */
        @WithDefault("15s")
        Duration sendTimeout();
    }

    interface Password {
        /** Memory cost in KiB. */
        @WithDefault("19456")
        int memoryKib();

        /** Number of passes. */
        @WithDefault("2")
        int iterations();

        /** Lanes. */
        @WithDefault("1")
        int parallelism();
    }
}
