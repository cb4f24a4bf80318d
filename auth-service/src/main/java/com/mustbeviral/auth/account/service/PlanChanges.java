package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/** Applies billing's entitlements to accounts: the plan goes into the user's next access token. */
@ApplicationScoped
public class PlanChanges {

    private final UserRepository users;
    private final ProcessedEvents processed;
    private final Clock clock;

    PlanChanges(UserRepository users, ProcessedEvents processed, Clock clock) {
        this.users = users;
        this.processed = processed;
        this.clock = clock;
    }

    /**
     * Sets the user's plan once per event id; a redelivered event changes nothing. The claim and the
     * plan commit together in this {@code @Transactional} method rather than in
     * {@code ProcessedEvents.once}, whose programmatic transaction would bypass the writer queue and
     * the group commit (both bound to {@code @Transactional}): the consumer acknowledges the record
     * only once the change is on disk.
     */
    @Transactional(rollbackOn = Exception.class)
    public void apply(String eventId, UUID userId, String plan) throws SQLException {
        if (processed.claim(eventId)) {
            users.setPlan(userId, plan, clock.instant());
        }
    }
}
