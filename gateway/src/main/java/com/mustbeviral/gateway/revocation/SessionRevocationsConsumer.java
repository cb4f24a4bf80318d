package com.mustbeviral.gateway.revocation;

import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.platform.revocation.SessionRevocation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns revoked sessions from {@code auth.sessions} ({@code session.revoked} CloudEvents) and
 * stores them in Redis, under the platform's consumer policy: a record that cannot be a revocation
 * goes to {@code auth.sessions.dlq} at once, and a Redis write that keeps failing is retried with
 * backoff and then dead-lettered too, so that no record stops the gateway from learning the next
 * ones. A record is acknowledged only once Redis has the marker (or the record is dead-lettered).
 * Other event types on the topic are acknowledged and ignored.
 */
@ApplicationScoped
public class SessionRevocationsConsumer {

    private final InboundEvents inbound;
    private final RevokedSessions revokedSessions;
    private final Duration redisTimeout;

    SessionRevocationsConsumer(InboundEvents inbound, RevokedSessions revokedSessions,
            @ConfigProperty(name = "quarkus.redis.timeout") Duration redisTimeout) {
        this.inbound = inbound;
        this.revokedSessions = revokedSessions;
        this.redisTimeout = redisTimeout;
    }

    @Incoming("session-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, event -> {
            Optional<SessionRevocation> revocation = SessionRevocation.of(event);
            if (revocation.isPresent()) {
                store(revocation.get());
            }
        });
    }

    private void store(SessionRevocation revocation) throws Exception {
        // This instance refuses the session from here on, whatever Redis does (RevokedSessions keeps it
        // in memory); the wait is for the other instances, which learn it only from Redis. Bounded:
        // a frozen Redis must fail the attempt, not hold the partition.
        try {
            revokedSessions.revoke(revocation).toCompletionStage()
                    .toCompletableFuture().get(redisTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
