package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.MeterEventQueue;
import com.mustbeviral.contracts.billing.UsageIncremented;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Booked usage on its way to Stripe as billing meter events: queued in the transaction that books it
 * (so nothing booked is lost and nothing rolled back is reported), sent after the commit by
 * {@link StripeMeterReporter}. Local mode (no Stripe key) queues nothing.
 */
@ApplicationScoped
public class StripeMeterEvents {

    /** A usage event the ledger has just booked (its id claimed in this transaction). */
    public record Booked(String eventId, UsageIncremented usage) {
    }

    private final StripeAccount stripe;
    private final MeterEventQueue queue;
    private final BillingConfig.MeterEvents config;

    StripeMeterEvents(StripeAccount stripe, MeterEventQueue queue, BillingConfig config) {
        this.stripe = stripe;
        this.queue = queue;
        this.config = config.stripe().meterEvents();
    }

    /** Queues a meter event per booked usage event of a Stripe customer, in the booking's transaction. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void queue(List<Booked> booked, Instant now) throws SQLException {
        if (!stripe.enabled() || booked.isEmpty()) {
            return;
        }
        List<MeterEventQueue.Entry> entries = new ArrayList<>(booked.size());
        for (Booked event : booked) {
            UsageIncremented usage = event.usage();
            Feature feature = Feature.named(usage.feature()).orElseThrow();
            entries.add(new MeterEventQueue.Entry(event.eventId(), usage.userId(), eventName(feature),
                    usage.quantity(), usage.occurredAt() == null ? now : usage.occurredAt()));
        }
        queue.add(entries, now);
    }

    /** The {@code event_name} of the feature's Stripe meter. */
    String eventName(Feature feature) {
        return switch (feature) {
            case AI_GENERATIONS -> config.aiGenerations();
            case PUBLISHES -> config.publishes();
            case API_CALLS -> config.apiCalls();
        };
    }
}
