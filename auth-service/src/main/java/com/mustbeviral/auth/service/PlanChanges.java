package com.mustbeviral.auth.service;

import com.mustbeviral.auth.repository.ProcessedEvents;
import com.mustbeviral.auth.repository.UserRepository;
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
    private final Clock clock = Clock.systemUTC();

    PlanChanges(UserRepository users, ProcessedEvents processed) {
        this.users = users;
        this.processed = processed;
    }

    /** Sets the user's plan once per event id; a redelivered event changes nothing. */
    @Transactional(rollbackOn = Exception.class)
    public void apply(String eventId, UUID userId, String plan) throws SQLException {
        if (processed.markProcessed(eventId, clock.instant())) {
            users.setPlan(userId, plan, clock.instant());
        }
    }
}
