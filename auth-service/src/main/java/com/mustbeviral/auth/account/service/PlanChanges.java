package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies billing's entitlements to accounts: the plan goes into the user's next access token. Billing's
 * decisions may arrive in any order (a redelivery, a replay, a partition's lag), so the newest one is
 * kept, by the same rule as content-service's metering: a later period wins, and within one period the
 * later decision (the event's CloudEvent {@code time}, billing's clock when it decided).
 */
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
     * Sets the user's plan once per event id unless a newer decision is already applied; a redelivered
     * or an older event changes nothing. The claim and the
     * plan commit together in this {@code @Transactional} method rather than in
     * {@code ProcessedEvents.once}, whose programmatic transaction would bypass the writer queue and
     * the group commit (both bound to {@code @Transactional}): the consumer acknowledges the record
     * only once the change is on disk.
     */
    @Transactional(rollbackOn = Exception.class)
    public void apply(String eventId, UUID userId, String plan, Instant periodStart, Instant decidedAt)
            throws SQLException {
        if (processed.claim(eventId)) {
            users.setPlanIfNewer(userId, plan, periodStart, decidedAt, clock.instant());
        }
    }
}
