package com.mustbeviral.content.event;

import com.mustbeviral.content.service.EngagementCounts;
import com.mustbeviral.contracts.analytics.EngagementDelta;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.platform.events.UndecodableEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** {@code analytics.engagement}: engagement deltas into the denormalized counts, once per event id. */
@ApplicationScoped
public class EngagementConsumer {

    private final InboundEvents inbound;
    private final EngagementCounts counts;

    EngagementConsumer(InboundEvents inbound, EngagementCounts counts) {
        this.inbound = inbound;
        this.counts = counts;
    }

    @Incoming("engagement")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::apply);
    }

    private void apply(InboundEvent event) throws SQLException {
        if (!EngagementDelta.TYPE.equals(event.type())) {
            return;
        }
        EngagementDelta delta = event.payloadAs(EngagementDelta.class);
        if (delta.contentId() == null) {
            throw new UndecodableEvent("An " + EngagementDelta.TYPE + " without content_id");
        }
        counts.apply(event.id(), delta);
    }
}
