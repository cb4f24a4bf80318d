package com.mustbeviral.analytics.event;

import com.mustbeviral.analytics.service.Consents;
import com.mustbeviral.analytics.service.Erasure;
import com.mustbeviral.contracts.auth.ConsentChanged;
import com.mustbeviral.contracts.auth.UserDeleted;
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
 * {@code auth.users}: a deleted user is erased from analytics ({@link Erasure}); a user who withdrew
 * the {@code analytics} consent is counted only anonymously from then on ({@link Consents}). Other
 * types are ignored.
 */
@ApplicationScoped
public class UserEventsConsumer {

    private final InboundEvents inbound;
    private final Erasure erasure;
    private final Consents consents;

    UserEventsConsumer(InboundEvents inbound, Erasure erasure, Consents consents) {
        this.inbound = inbound;
        this.erasure = erasure;
        this.consents = consents;
    }

    @Incoming("user-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::apply);
    }

    private void apply(InboundEvent event) throws SQLException {
        if (UserDeleted.TYPE.equals(event.type())) {
            UserDeleted deleted = event.payloadAs(UserDeleted.class);
            if (deleted.userId() == null) {
                throw new UndecodableEvent("A " + UserDeleted.TYPE + " without user_id");
            }
            erasure.erase(event.id(), deleted.userId());
        } else if (ConsentChanged.TYPE.equals(event.type())) {
            ConsentChanged changed = event.payloadAs(ConsentChanged.class);
            if (changed.userId() == null || changed.purpose() == null) {
                throw new UndecodableEvent("A " + ConsentChanged.TYPE + " without user_id or purpose");
            }
            consents.changed(event.id(), changed);
        }
    }
}
