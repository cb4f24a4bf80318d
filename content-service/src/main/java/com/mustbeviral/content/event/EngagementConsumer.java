package com.mustbeviral.content.event;

import com.mustbeviral.content.search.ReadingHistory;
import com.mustbeviral.content.service.EngagementCounts;
import com.mustbeviral.contracts.analytics.EngagementDelta;
import com.mustbeviral.contracts.analytics.ReaderEngaged;
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
 * {@code analytics.engagement}: engagement deltas into the denormalized counts, once per event id; and
 * each signed-in reader's {@code reader.engaged} into their reading history (for recommendations).
 */
@ApplicationScoped
public class EngagementConsumer {

    private final InboundEvents inbound;
    private final EngagementCounts counts;
    private final ReadingHistory history;

    EngagementConsumer(InboundEvents inbound, EngagementCounts counts, ReadingHistory history) {
        this.inbound = inbound;
        this.counts = counts;
        this.history = history;
    }

    @Incoming("engagement")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::apply);
    }

    private void apply(InboundEvent event) throws SQLException {
        if (ReaderEngaged.TYPE.equals(event.type())) {
            ReaderEngaged engaged = event.payloadAs(ReaderEngaged.class);
            if (engaged.userId() == null || engaged.contentId() == null || engaged.eventType() == null
                    || engaged.occurredAt() == null) {
                throw new UndecodableEvent("A " + ReaderEngaged.TYPE + " without user_id, content_id, event_type or occurred_at");
            }
            history.record(engaged.userId().toString(), engaged.contentId().toString(), engaged.eventType(),
                    engaged.occurredAt());
            return;
        }
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
