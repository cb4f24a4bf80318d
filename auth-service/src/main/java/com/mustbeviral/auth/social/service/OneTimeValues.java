package com.mustbeviral.auth.social.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Values in Redis as JSON under a hash of a secret handle, expiring on their own. Taking one deletes
 * it (GETDEL): a handle works once. Only the hash is stored, so the keys do not give the handles away.
 */
final class OneTimeValues<T> {

    private static final Logger LOG = Logger.getLogger(OneTimeValues.class);

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;
    private final String prefix;
    private final Class<T> type;
    private final Duration ttl;

    OneTimeValues(RedisDataSource redis, ObjectMapper json, String prefix, Class<T> type, Duration ttl) {
        this.values = redis.value(String.class);
        this.json = json;
        this.prefix = prefix;
        this.type = type;
        this.ttl = ttl;
    }

    void save(String handle, T value) {
        String encoded;
        try {
            encoded = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " is always serializable", e);
        }
        try {
            values.setex(key(handle), ttl.toSeconds(), encoded);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The value of this handle, removed so that it cannot be used again; empty when unknown or expired. */
    Optional<T> take(String handle) {
        try {
            return read(values.getdel(key(handle)));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The value of this handle, left in place; empty when unknown or expired. */
    Optional<T> peek(String handle) {
        try {
            return read(values.get(key(handle)));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private Optional<T> read(String stored) {
        try {
            return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, type));
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable %s dropped: %s", type.getSimpleName(), e.getMessage());
            return Optional.empty();
        }
    }

    private String key(String handle) {
        return prefix + Sha256.hex(handle);
    }

    private static Refusal unavailable(RuntimeException e) {
        LOG.warnf("Social login store (Redis) unavailable: %s", e.getMessage());
        return new Refusal(AuthRefusal.SOCIAL_LOGIN_UNAVAILABLE, "Social login is unavailable right now; try again shortly.");
    }
}
