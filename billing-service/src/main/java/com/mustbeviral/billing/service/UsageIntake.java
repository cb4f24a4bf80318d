package com.mustbeviral.billing.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.repository.UsageLedger;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.UsageIncremented;
import com.mustbeviral.contracts.billing.UsageLimitReached;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.UndecodableEvent;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.store.ProcessedEvents;
import com.mustbeviral.platform.time.IsoInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Books {@code usage.incremented} into the ledger exactly once in effect: each event id is claimed in
 * the same transaction as its ledger write, so a redelivered or replayed event changes nothing (and
 * the offset is committed only after that transaction). Units are booked in the period the metering
 * service enforced (the event's period), so billing's ledger and the service's counter agree.
 * When a write reaches the plan's limit of the user's current period, {@code usage.limit-reached}
 * goes out, once per user, feature and period. In Stripe mode each booked event is also queued, in the
 * same transaction, as a billing meter event ({@link StripeMeterEvents}).
 *
 * <p>A polled batch is booked set-wise, as one transaction: its ids claimed in a few statements, its
 * units summed per counter and written with one upsert row each, its users' entitlements read in one
 * query. What comes out is what booking its events one by one, in order, would give (the limit's
 * crossing included: the announced {@code used} is the total at the event that reached the limit).
 */
@ApplicationScoped
public class UsageIntake {

    private final ProcessedEvents processed;
    private final UsageLedger ledger;
    private final Entitlements entitlements;
    private final Outbox outbox;
    private final StripeMeterEvents meterEvents;
    private final Clock clock;
    // Three instants per event: the fleet's ISO form read without DateTimeFormatter (profiled).
    private final ObjectReader usageReader;

    UsageIntake(ProcessedEvents processed, UsageLedger ledger, Entitlements entitlements, Outbox outbox,
            StripeMeterEvents meterEvents, Clock clock, ObjectMapper json) {
        this.processed = processed;
        this.ledger = ledger;
        this.entitlements = entitlements;
        this.outbox = outbox;
        this.meterEvents = meterEvents;
        this.clock = clock;
        this.usageReader = json.copy()
                .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstants.Deserializer()))
                .readerFor(UsageIncremented.class);
    }

    /** A usage event of the batch, read and checked, at its place in the batch. */
    private record Usage(int position, String eventId, UsageIncremented payload, UsageLedger.Counter counter) {
    }

    /** The ledger's key of a counter: one row per user, feature and period start. */
    private record CounterRow(UUID userId, Feature feature, Instant periodStart) {
    }

    /** Books a polled batch in one transaction; returns how many events were new. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public int bookAll(List<InboundEvent> events) throws SQLException {
        Instant now = clock.instant();
        List<Usage> usages = new ArrayList<>(events.size());
        for (InboundEvent event : events) {
            if (!UsageIncremented.TYPE.equals(event.type())) {
                continue; // not the ledger's concern
            }
            UsageIncremented usage = event.payloadAs(usageReader, UsageIncremented.class);
            Feature feature = validated(usage);
            usages.add(new Usage(usages.size(), event.id(), usage, new UsageLedger.Counter(usage.userId(), feature,
                    new Period(usage.periodStart(), usage.periodEnd()))));
        }
        if (usages.isEmpty()) {
            return 0;
        }
        Set<String> unbooked = new HashSet<>(processed.claimAll(usages.stream().map(Usage::eventId).toList()));
        // An id claimed now is booked at its first occurrence; its repeats in the batch are skipped.
        // The ledger's row is a user's feature in the period starting at period_start (its end is the
        // first one written), so units are summed per that, whatever end an event names.
        Map<CounterRow, List<Usage>> byRow = new LinkedHashMap<>();
        List<Usage> booked = new ArrayList<>(unbooked.size());
        for (Usage usage : usages) {
            if (unbooked.remove(usage.eventId())) {
                UsageLedger.Counter counter = usage.counter();
                byRow.computeIfAbsent(new CounterRow(counter.userId(), counter.feature(), counter.period().start()),
                        row -> new ArrayList<>()).add(usage);
                booked.add(usage);
            }
        }
        if (booked.isEmpty()) {
            return 0;
        }
        Map<UsageLedger.Counter, List<Usage>> byCounter = new LinkedHashMap<>();
        for (List<Usage> units : byRow.values()) {
            byCounter.put(units.get(0).counter(), units);
        }
        Map<UsageLedger.Counter, Long> quantities = new LinkedHashMap<>();
        byCounter.forEach((counter, units) -> quantities.put(counter,
                units.stream().mapToLong(usage -> usage.payload().quantity()).sum()));
        Map<UsageLedger.Counter, UsageLedger.Total> totals = ledger.addAll(quantities, now);
        announceLimitsReached(byCounter, quantities, totals, now);
        // Stripe mode: each booked event becomes a meter event, queued in this transaction, sent after it.
        meterEvents.queue(booked.stream().map(usage -> new StripeMeterEvents.Booked(usage.eventId(), usage.payload()))
                .toList(), now);
        return booked.size();
    }

    /** A counter that reached its limit in this batch: at which event, with what total. */
    private record Crossing(Usage at, long used, long limit, Entitlements.Entitlement entitlement) {
    }

    private void announceLimitsReached(Map<UsageLedger.Counter, List<Usage>> byCounter,
            Map<UsageLedger.Counter, Long> quantities, Map<UsageLedger.Counter, UsageLedger.Total> totals,
            Instant now) throws SQLException {
        // A counter marked before has been announced: only the others' users need their plan.
        Set<UUID> users = new HashSet<>();
        for (UsageLedger.Counter counter : byCounter.keySet()) {
            if (!totals.get(counter).limitMarked()) {
                users.add(counter.userId());
            }
        }
        if (users.isEmpty()) {
            return;
        }
        Map<UUID, Entitlements.Entitlement> current = entitlements.of(users, now);
        List<Crossing> crossings = new ArrayList<>();
        for (Map.Entry<UsageLedger.Counter, List<Usage>> units : byCounter.entrySet()) {
            UsageLedger.Counter counter = units.getKey();
            UsageLedger.Total total = totals.get(counter);
            if (total.limitMarked()) {
                continue;
            }
            Entitlements.Entitlement entitlement = current.get(counter.userId());
            long limit = entitlement.plan().limits().of(counter.feature());
            if (total.used() < limit || !entitlement.period().start().equals(counter.period().start())) {
                continue;
            }
            // Replays the batch's units onto the total before it, to the event that reached the limit.
            long used = total.used() - quantities.get(counter);
            for (Usage usage : units.getValue()) {
                used += usage.payload().quantity();
                if (used >= limit) {
                    crossings.add(new Crossing(usage, used, limit, entitlement));
                    break;
                }
            }
        }
        crossings.sort(Comparator.comparingInt(crossing -> crossing.at().position()));
        for (Crossing crossing : crossings) {
            UsageLedger.Counter counter = crossing.at().counter();
            if (ledger.markLimitReached(counter.userId(), counter.feature(), counter.period().start(), now)) {
                outbox.append(Topics.BILLING_EVENTS, UsageLimitReached.TYPE, counter.userId().toString(),
                        new UsageLimitReached(counter.userId(), crossing.entitlement().plan().id(),
                                counter.feature().wireName(), crossing.limit(), crossing.used(),
                                counter.period().start(), counter.period().end()),
                        now);
            }
        }
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
