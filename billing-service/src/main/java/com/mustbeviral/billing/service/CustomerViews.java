package com.mustbeviral.billing.service;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.CustomerViewed;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Audits an admin's look at a customer's billing: {@code customer.viewed}, which audit-service keeps. */
@ApplicationScoped
public class CustomerViews {

    private final Outbox outbox;
    private final Clock clock;

    CustomerViews(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public void record(UUID adminId, UUID userId) {
        Instant now = clock.instant();
        outbox.append(Topics.BILLING_EVENTS, CustomerViewed.TYPE, userId.toString(),
                new CustomerViewed(userId, adminId, now), now);
    }
}
