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

    /** Issuer ({@code iss}) of every token: the public base URL clients reach auth through (the gateway). */
    @WithDefault("http://localhost:8080")
    String issuer();

    /** Lifetimes of tokens and signing keys. */
    Tokens tokens();

    /** Throttling of failed logins. */
    Login login();

    /** How the outbox relay publishes. */
    Outbox outbox();

    /** argon2id cost; the defaults are OWASP's recommendation (m=19 MiB, t=2, p=1). */
    Password password();

    /** The OAuth2/OIDC provider for partners. */
    OAuth2 oauth2();

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

    interface Tokens {
        /** Lifetime of an access token. */
        @WithDefault("15m")
        Duration accessTtl();

        /** Lifetime of a session (its refresh tokens die with it). */
        @WithDefault("30d")
        Duration sessionTtl();

        /** How long the refresh token just rotated may still be presented, by a client that lost the answer. */
        @WithDefault("10s")
        Duration refreshGraceWindow();

        /** How often within that window. */
        @WithDefault("2")
        int refreshGraceUses();

        /** A signing key older than this is replaced by a new one at the next start or rotation check. */
        @WithDefault("30d")
        Duration keyRotationPeriod();
    }

    interface Login {
        /** Failed logins per account within the window before further attempts are refused. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed logins per client IP within the window before further attempts are refused. */
        @WithDefault("20")
        int maxFailuresPerIp();

        /** The window the failure counters cover. */
        @WithDefault("15m")
        Duration failureWindow();
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

    interface OAuth2 {
        /** Lifetime of an authorization code; it is also single-use. */
        @WithDefault("60s")
        Duration codeTtl();

        /** How long the consent page stays usable after it was opened. */
        @WithDefault("10m")
        Duration consentTtl();

        /** Lifetime of a partner grant: its refresh tokens die with it. */
        @WithDefault("30d")
        Duration grantTtl();

        /** Lifetime of an OpenID Connect id_token. */
        @WithDefault("5m")
        Duration idTokenTtl();
    }
}
