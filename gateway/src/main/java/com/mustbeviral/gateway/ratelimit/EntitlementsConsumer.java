package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.platform.events.UndecodableEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns request quotas from billing's {@code entitlements.updated} on {@code billing.events}
 * ({@link BillingQuotas}), under the platform's consumer policy: a record that cannot be a decision goes
 * to {@code billing.events.dlq} at once, a Redis write that keeps failing is retried with backoff and
 * then dead-lettered; acknowledged once Redis has it. Other types on the topic are not the gateway's.
 */
@ApplicationScoped
public class EntitlementsConsumer {

    private final InboundEvents inbound;
    private final BillingQuotas quotas;
    private final Duration redisTimeout;

    EntitlementsConsumer(InboundEvents inbound, BillingQuotas quotas,
            @ConfigProperty(name = "quarkus.redis.timeout") Duration redisTimeout) {
        this.inbound = inbound;
        this.quotas = quotas;
        this.redisTimeout = redisTimeout;
    }

    @Incoming("billing-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::learn);
    }

    private void learn(InboundEvent event) throws Exception {
        if (!EntitlementsUpdated.TYPE.equals(event.type())) {
            return;
        }
        EntitlementsUpdated update = event.payloadAs(EntitlementsUpdated.class);
        if (update.userId() == null || update.plan() == null || update.plan().isBlank() || update.limits() == null
                || update.periodStart() == null || update.periodEnd() == null) {
            throw new UndecodableEvent("An " + EntitlementsUpdated.TYPE
                    + " without user_id, plan, limits, period_start or period_end");
        }
        // Bounded: a frozen Redis must fail the attempt (and be retried), not hold the partition.
        try {
            quotas.learn(update, event.time()).toCompletionStage().toCompletableFuture()
                    .get(redisTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
