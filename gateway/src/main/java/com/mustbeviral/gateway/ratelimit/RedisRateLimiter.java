package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.gateway.revocation.RevokedSessions;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * GCRA in Redis: one {@code EVALSHA} per request, atomic because Redis runs a script alone, so
 * with a limit of N exactly N concurrent requests pass, whichever gateway instance they reach. The
 * same script answers whether the token's session was revoked, and takes the user's own quota from
 * billing when Redis holds one ({@link BillingQuotas}), so a request costs one round trip.
 * Time comes from Redis ({@code TIME}), so gateway clocks need not agree.
 */
final class RedisRateLimiter {

    /** Prefix of the keys marking revoked sessions; written by the revocation consumer. */
    static final String REVOKED_PREFIX = RevokedSessions.KEY_PREFIX;

    // KEYS[1] bucket; KEYS[2] revoked-session marker (the bucket again when there is no session);
    // KEYS[3] the user's quota from billing (BillingQuotas; the bucket again when there is no user).
    // ARGV: emission interval (µs), limit, cost, check revocation (1/0), use the user's quota (1/0),
    // the period of billing's quotas (µs: they are per minute).
    // Returns {1 allowed | 0 refused | -1 revoked, remaining, µs until full, µs until it would fit, limit}.
    // Numbers stay below 2^53, so Lua's doubles hold them exactly; '%.0f' writes them without an exponent.
    static final String SCRIPT = """
            if ARGV[4] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then
              return {-1, 0, 0, 0, 0}
            end
            local interval = tonumber(ARGV[1])
            local limit = tonumber(ARGV[2])
            if ARGV[5] == '1' then
              local own = tonumber(redis.call('HGET', KEYS[3], 'limit') or '0')
              if own > 0 then
                limit = own
                interval = math.max(1, math.floor(tonumber(ARGV[6]) / own))
              end
            end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local capacity = interval * limit
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local next = tat + interval * tonumber(ARGV[3])
            if next - now > capacity then
              return {0, 0, tat - now, next - capacity - now, limit}
            end
            redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.ceil((next - now) / 1000))
            return {1, math.floor((capacity - (next - now)) / interval), next - now, 0, limit}
            """;

    static final String SCRIPT_SHA = sha1(SCRIPT);

    private final RedisLink link;

    RedisRateLimiter(RedisLink link) {
        this.link = link;
    }

    Future<RateDecision> decide(RateBucket bucket, String sessionId) {
        return link.send(script(Command.EVALSHA, SCRIPT_SHA, bucket, sessionId))
                // After a Redis restart the script cache is empty: EVAL loads it again, once.
                .recover(failure -> isNoScript(failure)
                        ? link.send(script(Command.EVAL, SCRIPT, bucket, sessionId))
                        : Future.failedFuture(failure))
                .map(response -> decision(bucket, response));
    }

    private static Request script(Command command, String scriptOrSha, RateBucket bucket, String sessionId) {
        RatePolicy policy = bucket.policy();
        String billingUser = bucket.billingUser();
        return Request.cmd(command)
                .arg(scriptOrSha)
                .arg(3)
                .arg(bucket.redisKey())
                .arg(sessionId == null ? bucket.redisKey() : REVOKED_PREFIX + sessionId)
                .arg(billingUser == null ? bucket.redisKey() : BillingQuotas.USER_PREFIX + billingUser)
                .arg(policy.emissionIntervalMicros())
                .arg(policy.limit())
                .arg(bucket.cost())
                .arg(sessionId == null ? "0" : "1")
                .arg(billingUser == null ? "0" : "1")
                .arg(BillingQuotas.PERIOD_MICROS);
    }

    private static RateDecision decision(RateBucket bucket, Response reply) {
        long status = reply.get(0).toLong();
        if (status < 0) {
            return RateDecision.revoked(bucket.policy());
        }
        RatePolicy policy = bucket.policy();
        long limit = reply.get(4).toLong();
        if (limit != policy.limit()) {
            // The user's own quota from billing answered: the headers tell that one.
            policy = BillingQuotas.perMinute(policy.name(), (int) limit);
        }
        return new RateDecision(status == 1, false, policy, reply.get(1).toLong(), reply.get(2).toLong(),
                reply.get(3).toLong());
    }

    private static boolean isNoScript(Throwable failure) {
        // A command sent alone fails with "NOSCRIPT ..."; one sent in a batch with "ERR [i] NOSCRIPT ...".
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
