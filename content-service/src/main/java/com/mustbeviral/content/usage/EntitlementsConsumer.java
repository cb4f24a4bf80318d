package com.mustbeviral.content.usage;

import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.platform.events.UndecodableEvent;
import com.mustbeviral.platform.store.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns each user's limits from {@code entitlements.updated} on {@code billing.events}; other types
 * there are not content's concern. Idempotent (the event id claimed with the write) and safe in any
 * order (the newest period, then the latest decision, wins: {@link EntitlementsTable#keepNewest}).
 */
@ApplicationScoped
public class EntitlementsConsumer {

    private final InboundEvents inbound;
    private final ProcessedEvents processed;
    private final EntitlementsTable entitlements;

    EntitlementsConsumer(InboundEvents inbound, ProcessedEvents processed, EntitlementsTable entitlements) {
        this.inbound = inbound;
        this.processed = processed;
        this.entitlements = entitlements;
    }

    @Incoming("billing-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, processed.once(this::apply));
    }

    private void apply(InboundEvent event) throws Exception {
        if (!EntitlementsUpdated.TYPE.equals(event.type())) {
            return;
        }
        EntitlementsUpdated update = event.payloadAs(EntitlementsUpdated.class);
        if (update.userId() == null || update.plan() == null || update.plan().isBlank() || update.limits() == null
                || update.periodStart() == null || update.periodEnd() == null
                || !update.periodEnd().isAfter(update.periodStart())) {
            throw new UndecodableEvent("An " + EntitlementsUpdated.TYPE
                    + " without user_id, plan, limits or a period that ends after it starts");
        }
        if (update.limits().aiGenerations() < 0 || update.limits().publishes() < 0 || update.limits().apiCalls() < 0) {
            throw new UndecodableEvent("An " + EntitlementsUpdated.TYPE + " with a negative limit");
        }
        entitlements.keepNewest(event.id(), update, event.time());
    }
}
