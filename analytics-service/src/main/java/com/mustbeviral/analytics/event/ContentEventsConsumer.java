package com.mustbeviral.analytics.event;

import com.mustbeviral.analytics.service.TrackedContent;
import com.mustbeviral.contracts.content.ContentArchived;
import com.mustbeviral.contracts.content.ContentPublished;
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
 * {@code content.events}: a published piece starts being tracked (events for it are accepted from then
 * on, and its author reads its dashboard); an archived one stops taking events. Other types are ignored.
 */
@ApplicationScoped
public class ContentEventsConsumer {

    private final InboundEvents inbound;
    private final TrackedContent tracked;

    ContentEventsConsumer(InboundEvents inbound, TrackedContent tracked) {
        this.inbound = inbound;
        this.tracked = tracked;
    }

    @Incoming("content-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::apply);
    }

    private void apply(InboundEvent event) throws SQLException {
        if (ContentPublished.TYPE.equals(event.type())) {
            ContentPublished published = event.payloadAs(ContentPublished.class);
            if (published.contentId() == null || published.authorId() == null) {
                throw new UndecodableEvent("A " + ContentPublished.TYPE + " without content_id or author_id");
            }
            tracked.published(event.id(), published);
        } else if (ContentArchived.TYPE.equals(event.type())) {
            ContentArchived archived = event.payloadAs(ContentArchived.class);
            if (archived.contentId() == null) {
                throw new UndecodableEvent("A " + ContentArchived.TYPE + " without content_id");
            }
            tracked.archived(event.id(), archived);
        }
    }
}
