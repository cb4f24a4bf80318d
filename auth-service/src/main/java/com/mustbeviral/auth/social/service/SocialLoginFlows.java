package com.mustbeviral.auth.social.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Started social logins, by the handle in the browser's cookie, forgotten after the flow timeout.
 * A flow ends once: a replayed callback finds nothing even where the provider would exchange its
 * code again.
 */
@ApplicationScoped
public class SocialLoginFlows {

    private final OneTimeValues<PendingSocialLogin> flows;

    SocialLoginFlows(RedisDataSource redis, ObjectMapper json, AuthConfig config) {
        this.flows = new OneTimeValues<>(redis, json, "auth:social-login:", PendingSocialLogin.class,
                config.social().flowTimeout());
    }

    public void save(String handle, PendingSocialLogin flow) {
        flows.save(handle, flow);
    }

    /** The flow of this handle, ended; empty when unknown, expired or already ended. */
    public Optional<PendingSocialLogin> take(String handle) {
        return flows.take(handle);
    }

    /** The flow of this handle, still open. */
    public Optional<PendingSocialLogin> peek(String handle) {
        return flows.peek(handle);
    }
}
