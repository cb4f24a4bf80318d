package com.mustbeviral.auth.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.service.PlanChanges;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes plan changes from {@code billing.events}. Acknowledged after the local commit, so the
 * offset never runs ahead of the database. Other event types on the topic are not auth's concern.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    private static final Logger LOG = Logger.getLogger(BillingEventsConsumer.class);

    private final PlanChanges planChanges;
    private final ObjectMapper json;

    BillingEventsConsumer(PlanChanges planChanges, ObjectMapper json) {
        this.planChanges = planChanges;
        this.json = json;
    }

    @Incoming("billing-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null || !EntitlementsUpdated.TYPE.equals(ce.getType())) {
            return message.ack();
        }
        try {
            EntitlementsUpdated update = json.readValue(message.getPayload(), EntitlementsUpdated.class);
            planChanges.apply(ce.getId(), update.userId(), update.plan());
            return message.ack();
        } catch (Exception e) {
            LOG.errorf(e, "entitlements.updated %s not applied", ce.getId());
            return message.nack(e);
        }
    }
}
