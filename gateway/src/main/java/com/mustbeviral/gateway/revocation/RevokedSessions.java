package com.mustbeviral.gateway.revocation;

import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.platform.revocation.SessionRevocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sessions whose access tokens the gateway must refuse, until those tokens would have expired
 * anyway, clock skew included (the verifier accepts a token up to {@code gateway.auth.clock-skew}
 * past its exp, so a marker gone at the exp itself let the token through again). Redis holds them
 * for every gateway instance (the rate-limit script reads them there, see {@code RedisRateLimiter});
 * this instance also remembers the ones it consumed itself, for while Redis is away.
 */
@Singleton
public class RevokedSessions {

    /** Prefix of the marker keys; the rate-limit script checks {@code prefix + sid}. */
    public static final String KEY_PREFIX = "gateway:revoked:";

    private final Redis redis;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration acceptedSkew;
    private final ConcurrentMap<String, Long> localUntil = new ConcurrentHashMap<>();
    private final long sweepTimer;

    RevokedSessions(Redis redis, Vertx vertx, Clock clock, GatewayConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.clock = clock;
        this.acceptedSkew = config.auth().clockSkew();
        this.sweepTimer = vertx.setPeriodic(60_000, id -> localUntil.values().removeIf(until -> until <= clock.millis()));
    }

    /**
     * Marks {@code revocation}'s session revoked until its tokens expire plus the accepted clock skew.
     * Setting the same marker twice changes nothing, so a redelivered event is harmless. Completes
     * once Redis has it.
     */
    public Future<Void> revoke(SessionRevocation revocation) {
        String sessionId = revocation.sessionId();
        long until = revocation.refusedUntil(acceptedSkew).toEpochMilli();
        if (until <= clock.millis()) {
            return Future.succeededFuture(); // no token of the session is accepted any more
        }
        localUntil.merge(sessionId, until, Math::max);
        // PXAT: the marker disappears exactly when the verifier stops accepting the last token it guards against.
        return redis.send(Request.cmd(Command.SET).arg(KEY_PREFIX + sessionId).arg("1").arg("PXAT").arg(until))
                .mapEmpty();
    }

    /** Whether this instance itself saw {@code sessionId} revoked (and its tokens are not expired yet). */
    public boolean isRevokedLocally(String sessionId) {
        Long until = localUntil.get(sessionId);
        return until != null && until > clock.millis();
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(sweepTimer);
    }
}
