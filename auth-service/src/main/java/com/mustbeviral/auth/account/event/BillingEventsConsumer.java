package com.mustbeviral.auth.account.event;

import com.mustbeviral.auth.account.service.PlanChanges;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.platform.events.UndecodableEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes plan changes from {@code billing.events}, under the platform's consumer policy: acknowledged
 * after the local commit, so the offset never runs ahead of the database; a record that cannot be
 * applied goes to {@code billing.events.dlq}. Other event types on the topic are not auth's concern.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    private final PlanChanges planChanges;
    private final InboundEvents inbound;

    BillingEventsConsumer(PlanChanges planChanges, InboundEvents inbound) {
        this.planChanges = planChanges;
        this.inbound = inbound;
    }

    @Incoming("billing-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::apply);
    }

    private void apply(InboundEvent event) throws SQLException {
        if (!EntitlementsUpdated.TYPE.equals(event.type())) {
            return;
        }
        EntitlementsUpdated update = event.payloadAs(EntitlementsUpdated.class);
        if (update.userId() == null || update.plan() == null || update.plan().isBlank()) {
            throw new UndecodableEvent("An " + EntitlementsUpdated.TYPE + " without user_id or plan");
        }
        if (update.periodStart() == null) {
            // Without it the decision cannot be ordered against the others; retrying cannot fix that.
            throw new UndecodableEvent("An " + EntitlementsUpdated.TYPE + " without period_start");
        }
        planChanges.apply(event.id(), update.userId(), update.plan(), update.periodStart(), event.time());
    }
}
