package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.repository.UsageLedger;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.UsageIncremented;
import com.mustbeviral.contracts.billing.UsageLimitReached;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.UndecodableEvent;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Books {@code usage.incremented} into the ledger exactly once in effect: each event id is claimed in
 * the same transaction as its ledger write, so a redelivered or replayed event changes nothing (and
 * the offset is committed only after that transaction). Units are booked in the period the metering
 * service enforced (the event's period), so billing's ledger and the service's counter agree.
 * When a write reaches the plan's limit of the user's current period, {@code usage.limit-reached}
 * goes out, once per user, feature and period. In Stripe mode each booked event is also queued, in the
 * same transaction, as a billing meter event ({@link StripeMeterEvents}).
 */
@ApplicationScoped
public class UsageIntake {

    private final ProcessedEvents processed;
    private final UsageLedger ledger;
    private final Entitlements entitlements;
    private final Outbox outbox;
    private final StripeMeterEvents meterEvents;
    private final Clock clock;

    UsageIntake(ProcessedEvents processed, UsageLedger ledger, Entitlements entitlements, Outbox outbox,
            StripeMeterEvents meterEvents, Clock clock) {
        this.processed = processed;
        this.ledger = ledger;
        this.entitlements = entitlements;
        this.outbox = outbox;
        this.meterEvents = meterEvents;
        this.clock = clock;
    }

    /** Books a polled batch in one transaction; returns how many events were new. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public int bookAll(List<InboundEvent> events) throws SQLException {
        Instant now = clock.instant();
        Map<UUID, Entitlements.Entitlement> current = new HashMap<>();
        List<StripeMeterEvents.Booked> booked = new ArrayList<>();
        for (InboundEvent event : events) {
            if (!UsageIncremented.TYPE.equals(event.type())) {
                continue; // not the ledger's concern
            }
            UsageIncremented usage = event.payloadAs(UsageIncremented.class);
            Feature feature = validated(usage);
            if (!processed.claim(event.id())) {
                continue;
            }
            Period period = new Period(usage.periodStart(), usage.periodEnd());
            long used = ledger.add(usage.userId(), feature, period, usage.quantity(), now);
            booked.add(new StripeMeterEvents.Booked(event.id(), usage));
            Entitlements.Entitlement entitlement = current.get(usage.userId());
            if (entitlement == null) {
                entitlement = entitlements.of(usage.userId(), now);
                current.put(usage.userId(), entitlement);
            }
            long limit = entitlement.plan().limits().of(feature);
            if (used >= limit && entitlement.period().start().equals(period.start())
                    && ledger.markLimitReached(usage.userId(), feature, period.start(), now)) {
                outbox.append(Topics.BILLING_EVENTS, UsageLimitReached.TYPE, usage.userId().toString(),
                        new UsageLimitReached(usage.userId(), entitlement.plan().id(), feature.wireName(), limit, used,
                                period.start(), period.end()),
                        now);
            }
        }
        // Stripe mode: each booked event becomes a meter event, queued in this transaction, sent after it.
        meterEvents.queue(booked, now);
        return booked.size();
    }

    private static Feature validated(UsageIncremented usage) {
        if (usage.userId() == null || usage.feature() == null || usage.periodStart() == null
                || usage.periodEnd() == null || !usage.periodEnd().isAfter(usage.periodStart())) {
            throw new UndecodableEvent("A " + UsageIncremented.TYPE
                    + " without user_id, feature or a period that ends after it starts");
        }
        if (usage.quantity() <= 0) {
            throw new UndecodableEvent("A " + UsageIncremented.TYPE + " with a quantity below 1");
        }
        return Feature.named(usage.feature()).orElseThrow(
                () -> new UndecodableEvent("A " + UsageIncremented.TYPE + " of an unknown feature " + usage.feature()));
    }
}
