package com.mustbeviral.analytics.event;

import com.mustbeviral.platform.events.InboundEvents;
import com.mustbeviral.platform.store.RevokedSessionsTable;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Learns revoked sessions from {@code auth.sessions}, whose tokens the platform's check then refuses. */
@ApplicationScoped
public class SessionRevocationsConsumer {

    private final InboundEvents inbound;
    private final RevokedSessionsTable revoked;

    SessionRevocationsConsumer(InboundEvents inbound, RevokedSessionsTable revoked) {
        this.inbound = inbound;
        this.revoked = revoked;
    }

    @Incoming("session-revocations")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, revoked::learn);
    }
}
