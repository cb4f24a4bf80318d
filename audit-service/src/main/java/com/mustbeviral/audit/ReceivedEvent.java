package com.mustbeviral.audit;

import com.mustbeviral.platform.events.InboundEvent;
import java.time.Instant;

/** A domain event of any service as audit receives it: CloudEvents attributes and the JSON payload. */
public record ReceivedEvent(String id, String type, String source, String subject, Instant time, String payload) {

    public static ReceivedEvent of(InboundEvent event) {
        return new ReceivedEvent(event.id(), event.type(), event.source(), event.subject(), event.time(),
                event.payload());
    }
}
