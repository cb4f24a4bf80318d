package com.mustbeviral.auth.service;

import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
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

    /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
    public long retryAfterSeconds(String identifier, String ip) {
        try {
            long account = retryAfter(accountKey(identifier), limits.maxFailuresPerAccount());
            long client = retryAfter(ipKey(ip), limits.maxFailuresPerIp());
            return Math.max(account, client);
        } catch (RuntimeException e) {
            // Redis away: logins stay possible (argon2 still bounds guessing), and operators see it.
            LOG.warnf("Login throttle unavailable, not enforced: %s", e.getMessage());
            return 0;
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

    public void recordSuccess(String identifier) {
        try {
            keys.del(accountKey(identifier));
        } catch (RuntimeException e) {
            LOG.warnf("Login throttle unavailable: %s", e.getMessage());
        }
    }

    private long retryAfter(String key, int max) {
        Long failures = counters.get(key);
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
