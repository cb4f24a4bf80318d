package com.mustbeviral.auth.config;

import com.mustbeviral.auth.token.TokenAlgorithm;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of auth-service (prefix {@code auth}). */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** Issuer ({@code iss}) of every token: the public base URL clients reach auth through (the gateway). */
    @WithDefault("http://localhost:8080")
    String issuer();

    /** Lifetimes of tokens and signing keys. */
    Tokens tokens();

    /** Throttling of failed logins. */
    Login login();

    /** argon2id cost; the defaults are one of OWASP's recommended settings (m=7 MiB, t=5, p=1). */
    Password password();

    /** Social login with Google, GitHub and X (Twitter). */
    Social social();
    /** What a user may keep in their profile. */
    Profile profile();
    /** The OAuth2/OIDC provider for partners. */
    OAuth2 oauth2();
    /** Encryption at rest of email and IP addresses, and the keyed hash that finds accounts by email. */
    Pii pii();
    /** Encryption at rest of the private halves of the token signing keys. */
    Kek kek();
    /** Verification and password-reset mail: links, their lifetimes, how often, the queue. */
    Mail mail();
    /** The first admin, made from the environment at start when no admin exists. */
    BootstrapAdmin bootstrapAdmin();

    /**
     * Key-encryption keys of the token signing keys: whoever holds a signing key's private half mints
     * any token, an admin's included, so the database file alone (a copy, a backup) must not give it
     * away. No defaults: production sets them from the environment ({@code AUTH_KEK_KEYS_<ID>},
     * {@code AUTH_KEK_CURRENT_KEY}), keys of their own, not the PII keys; {@code SigningKeyCipher}
     * refuses to start without a usable current key.
     */
    interface Kek {
        /** AES-256-GCM keys by key id (lower-case letters and digits): base64 of 32 bytes each. Old ones only decrypt. */
        Map<String, String> keys();

        /** Id of the key in {@link #keys()} that encrypts every signing key stored from now on. */
        Optional<String> currentKey();
    }

    interface Mail {
        /** Base URL of the app pages the links open: {@code {base}/verify-email#token=...}, {@code {base}/reset-password#token=...}. */
        @WithDefault("http://localhost:3000")
        String appBaseUri();

        /** Lifetime of an email verification link. */
        @WithDefault("24h")
        Duration verifyLinkTtl();

        /** Lifetime of a password-reset link: short, as it sets a password. */
        @WithDefault("30m")
        Duration resetLinkTtl();

        /** Mails of one kind (verification, reset) one account may be sent within {@link #sendWindow()}. */
        @WithDefault("3")
        int maxPerWindow();

        /** The window of {@link #maxPerWindow()}. */
        @WithDefault("1h")
        Duration sendWindow();

        /** Sweep of the mail queue for what a commit did not wake, or what failed before. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Attempts at one mail before it is given up (logged). */
        @WithDefault("8")
        int maxAttempts();
    }

    /**
     * Like Keycloak's KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD: at start, when no live admin exists and
     * both are set, an admin with this username and password is created; its first login must
     * change the password. From the environment only ({@code AUTH_BOOTSTRAP_ADMIN_USERNAME},
     * {@code AUTH_BOOTSTRAP_ADMIN_PASSWORD}; Kubernetes: a Secret).
     */
    interface BootstrapAdmin {
        Optional<String> username();

        Optional<String> password();

        /** Its email; default {@code <username>@bootstrap.mustbeviral.invalid}, which receives nothing. */
        Optional<String> email();
    }

    /**
     * Keys of personal data at rest. No defaults: production sets them from the environment
     * ({@code AUTH_PII_KEYS_<ID>}, {@code AUTH_PII_CURRENT_KEY}, {@code AUTH_PII_EMAIL_INDEX_KEY});
     * {@code PiiKeys} refuses to start without a usable current key, with a message naming what is
     * wrong. Optional here only so that the message is ours and not a generic "property missing".
     */
    interface Pii {
        /** AES-256-GCM keys by key id (lower-case letters and digits): base64 of 32 bytes each. Old ones only decrypt. */
        Map<String, String> keys();

        /** Id of the key in {@link #keys()} that encrypts every new value. */
        Optional<String> currentKey();

        /** HMAC-SHA256 key of the email blind index (base64, 32 bytes); changing it needs a re-index. */
        Optional<String> emailIndexKey();
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

        /**
         * Algorithm of access tokens: ES256 (the fleet's, {@code AccessTokenClaims.SIGNATURE_ALGORITHM})
         * or RS256. Every verifier must accept it (auth-service refuses to start when its own
         * {@code mp.jwt.verify.publickey.algorithm} does not); to switch without refusing the tokens
         * already out, let the verifiers accept both for one access-token lifetime first.
         */
        @WithDefault(AccessTokenClaims.SIGNATURE_ALGORITHM)
        TokenAlgorithm signingAlgorithm();
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

    /**
     * argon2id cost. The default is one of OWASP's equally strong settings (7 MiB, 5 passes), the
     * one Keycloak uses: with less memory per hash, two hashes in parallel on two cores ran 102/s
     * against 75/s for 19 MiB and 2 passes, which contend for memory bandwidth. Stored hashes with
     * other parameters still verify and are redone with these at the next successful login.
     */
    interface Password {
        /** Memory cost in KiB. */
        @WithDefault("7168")
        int memoryKib();

        /** Number of passes. */
        @WithDefault("5")
        int iterations();

        /** Lanes. */
        @WithDefault("1")
        int parallelism();
    }

    /**
     * What social login needs besides the quarkus-oidc tenants ({@code quarkus.oidc.google|github|twitter.*}),
     * which talk to the providers.
     */
    interface Social {
        /** The app URLs a social login may return to, compared exactly; none configured: social login is refused. */
        Optional<List<String>> appRedirectUris();

        /** How long a started social login may take at the provider before it is forgotten. */
        @WithDefault("10m")
        Duration flowTimeout();

        /** Lifetime of the one-time code the app exchanges for our tokens; it is also single-use. */
        @WithDefault("60s")
        Duration codeTtl();

        /** Longest wait for GitHub's email list. */
        @WithDefault("10s")
        Duration providerTimeout();

        /** GitHub's REST API, for {@code /user/emails}: which address is primary and verified. */
        @WithDefault("https://api.github.com")
        String githubApiUri();
    }

    interface Profile {
        /** Largest size of a user's metadata, in bytes of JSON, once a patch is merged in. */
        @WithDefault("16384")
        int metadataMaxBytes();
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
