package com.mustbeviral.auth.social.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Started social logins in Redis, keyed by a hash of their state, expiring after the flow timeout.
 * Taking one deletes it (GETDEL): a state works once, so a replayed callback finds nothing.
 */
@ApplicationScoped
public class SocialLoginFlows {

    private static final Logger LOG = Logger.getLogger(SocialLoginFlows.class);

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;
    private final AuthConfig.Social config;

    SocialLoginFlows(RedisDataSource redis, ObjectMapper json, AuthConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config.social();
    }

    public void save(String state, PendingSocialLogin flow) {
        try {
            values.setex(key(state), config.flowTimeout().toSeconds(), json.writeValueAsString(flow));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A pending social login is always serializable", e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The flow of this state, removed so that it cannot be used again; empty when unknown or expired. */
    public Optional<PendingSocialLogin> take(String state) {
        String stored;
        try {
            stored = values.getdel(key(state));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        try {
            return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, PendingSocialLogin.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable pending social login dropped: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static String key(String state) {
        return "auth:social-login:" + Sha256.hex(state);
    }

    private static Refusal unavailable(RuntimeException e) {
        LOG.warnf("Social login store (Redis) unavailable: %s", e.getMessage());
        return new Refusal(AuthRefusal.SOCIAL_LOGIN_UNAVAILABLE, "Social login is unavailable right now; try again shortly.");
    }
}
