package com.mustbeviral.content.event;

import com.mustbeviral.content.service.AuthorWithdrawal;
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
 * {@code auth.users}: when an account is deleted ({@code user.deleted}), its content leaves every
 * reader at once (soft-deleted, see {@link AuthorWithdrawal}); other types are acknowledged and ignored.
 */
@ApplicationScoped
public class UserEventsConsumer {

    private final InboundEvents inbound;
    private final AuthorWithdrawal withdrawal;

    UserEventsConsumer(InboundEvents inbound, AuthorWithdrawal withdrawal) {
        this.inbound = inbound;
        this.withdrawal = withdrawal;
    }

    @Incoming("user-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbound.handle(message, this::apply);
    }

    private void apply(InboundEvent event) throws SQLException {
        if (!UserDeleted.TYPE.equals(event.type())) {
            return;
        }
        UserDeleted deleted = event.payloadAs(UserDeleted.class);
        if (deleted.userId() == null) {
            throw new UndecodableEvent("A " + UserDeleted.TYPE + " without user_id");
        }
        withdrawal.withdraw(event.id(), deleted.userId().toString());
    }
}
