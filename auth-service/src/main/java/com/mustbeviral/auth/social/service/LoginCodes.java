package com.mustbeviral.auth.social.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The one-time codes a social login hands the app instead of tokens: the redirect back to the app
 * carries only the code, and the app exchanges it once, within {@code auth.social.code-ttl}, for our
 * tokens. What is kept is who logged in from where, never a token: the session starts at the exchange.
 */
@ApplicationScoped
public class LoginCodes {

    /** Who a code logs in, and the browser's address and user agent at the callback (the session's device). */
    public record Grant(UUID userId, String ip, String userAgent) {
    }

    private final OneTimeValues<Grant> codes;

    LoginCodes(RedisDataSource redis, ObjectMapper json, AuthConfig config) {
        this.codes = new OneTimeValues<>(redis, json, "auth:social-code:", Grant.class, config.social().codeTtl());
    }

    public String issue(Grant grant) {
        String code = RandomTokens.next();
        codes.save(code, grant);
        return code;
    }

    /** The grant of this code, used up; empty when unknown, expired or used. */
    public Optional<Grant> redeem(String code) {
        return codes.take(code);
    }
}
