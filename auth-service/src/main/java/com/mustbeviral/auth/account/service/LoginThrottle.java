package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Counts failed logins per account and per client IP in Redis (the seed's KV) and refuses further
 * attempts while either count is over its limit. The account key is the identifier as typed, so an
 * unknown account is throttled exactly like a real one and the answer reveals nothing.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final AuthConfig.Login limits;

    LoginThrottle(RedisDataSource redis, AuthConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.limits = config.login();
    }

    /**
     * Where an attempt stands: seconds until another is allowed (0: now), and whether the account has
     * failures counted that a success should clear. Both counters come in one round trip (MGET); a
     * TTL is asked for only when a counter is over its limit.
     */
    public record Check(long retryAfterSeconds, boolean accountFailures) {
        static final Check UNCOUNTED = new Check(0, false);
    }

    public Check check(String identifier, String ip) {
        String account = accountKey(identifier);
        String client = ipKey(ip);
        try {
            Map<String, Long> failures = counters.mget(account, client);
            Long accountFailures = failures.get(account);
            return new Check(Math.max(retryAfter(account, accountFailures, limits.maxFailuresPerAccount()),
                    retryAfter(client, failures.get(client), limits.maxFailuresPerIp())), accountFailures != null);
        } catch (RuntimeException e) {
            // Redis away: logins stay possible (argon2 still bounds guessing), and operators see it.
            LOG.warnf("Login throttle unavailable, not enforced: %s", e.getMessage());
            return Check.UNCOUNTED;
        }
    }

    public void recordFailure(String identifier, String ip) {
        try {
            count(accountKey(identifier));
            count(ipKey(ip));
        } catch (RuntimeException e) {
            LOG.warnf("Login throttle unavailable, failure not counted: %s", e.getMessage());
        }
    }

    /** Clears the account's failures after a successful login; no round trip when none were counted. */
    public void recordSuccess(String identifier, Check check) {
        if (!check.accountFailures()) {
            return;
        }
        try {
            keys.del(accountKey(identifier));
        } catch (RuntimeException e) {
            LOG.warnf("Login throttle unavailable: %s", e.getMessage());
        }
    }

    private long retryAfter(String key, Long failures, int max) {
        if (failures == null || failures < max) {
            return 0;
        }
        return Math.max(1, keys.ttl(key));
    }

    private void count(String key) {
        if (counters.incr(key) == 1) {
            keys.expire(key, limits.failureWindow());
        }
    }

    private static String accountKey(String identifier) {
        // Hashed: Redis holds no email addresses.
        return "auth:login-failures:account:" + Sha256.hex(identifier.trim().toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "auth:login-failures:ip:" + ip;
    }
}
