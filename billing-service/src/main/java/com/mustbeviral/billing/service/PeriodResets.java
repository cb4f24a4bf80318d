package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.Invoice;
import com.mustbeviral.billing.Plan;
import com.mustbeviral.billing.Subscription;
import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.InvoiceRepository;
import com.mustbeviral.billing.repository.SubscriptionRepository;
import com.mustbeviral.billing.repository.UsageLedger;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.contracts.billing.UsagePeriodClosed;
import com.mustbeviral.platform.outbox.Outbox;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Closes each subscription's period when it ends, on its billing anchor: every
 * {@code billing.periods.every} and once at start, so that what fell due while billing was down
 * resets at once. The schedule is the subscriptions table itself (it survives restarts); each reset is a
 * compare-and-set on the subscription's version in one transaction with its events, so two runs, or
 * two instances, never reset one period twice. A reset applies a pending downgrade or cancellation,
 * charges the renewal, and publishes the closed period's usage report ({@code usage.period-closed}),
 * the new entitlements and, when the plan changed, {@code subscription.changed}.
 */
@ApplicationScoped
public class PeriodResets {

    private static final Logger LOG = Logger.getLogger(PeriodResets.class);
    private static final int BATCH = 100;

    private final SubscriptionRepository subscriptions;
    private final UsageLedger ledger;
    private final InvoiceRepository invoices;
    private final Entitlements entitlements;
    private final Subscriptions changes;
    private final Outbox outbox;
    private final BillingConfig config;
    private final Clock clock;

    PeriodResets(SubscriptionRepository subscriptions, UsageLedger ledger, InvoiceRepository invoices,
            Entitlements entitlements, Subscriptions changes, Outbox outbox, BillingConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.invoices = invoices;
        this.entitlements = entitlements;
        this.changes = changes;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent start) {
        resetDue();
    }

    @Scheduled(every = "${billing.periods.every}", delayed = "${billing.periods.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        resetDue();
    }

    /** Resets every period that ended by now (several for a subscription down that long); how many. */
    public int resetDue() {
        int reset = 0;
        try {
            while (true) {
                List<Subscription> due = subscriptions.periodEnded(clock.instant(), BATCH);
                int before = reset;
                for (Subscription s : due) {
                    if (resetOne(s)) {
                        reset++;
                    }
                }
                if (due.isEmpty() || reset == before) {
                    return reset;
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Period resets stopped after %d; the next run goes on", reset);
            return reset;
        }
    }

    /** Closes {@code s}'s period if nobody did it first; false when the subscription had moved on. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    boolean resetOne(Subscription s) throws SQLException {
        Instant now = clock.instant();
        Plan closedPlan = entitlements.plan(s.planId());
        String nextPlanId = s.cancelAtPeriodEnd() ? config.defaultPlan()
                : s.pendingPlanId() != null ? s.pendingPlanId() : s.planId();
        Plan nextPlan = entitlements.plan(nextPlanId);
        Period next = Period.following(s.billingAnchor(), nextPlan.billingInterval(), s.period());
        Subscription rolled = s.withPlan(nextPlanId).withPeriod(next).withEnding(false, null);
        if (!subscriptions.update(rolled, now)) {
            return false;
        }
        Map<Feature, Long> used = ledger.used(s.userId(), s.period().start());
        outbox.append(Topics.BILLING_EVENTS, UsagePeriodClosed.TYPE, s.userId().toString(),
                new UsagePeriodClosed(s.userId(), s.id(), closedPlan.id(), s.period().start(), s.period().end(),
                        new EntitlementsUpdated.Used(used.get(Feature.AI_GENERATIONS), used.get(Feature.PUBLISHES),
                                used.get(Feature.API_CALLS))),
                now);
        if (nextPlan.priceCents() > 0) {
            invoices.insert(new Invoice(UUID.randomUUID(), s.userId(), s.id(), nextPlan.priceCents(),
                    nextPlan.currency(), "Renewal of " + nextPlan.name(), next.start(), next.end(), "paid", null, now));
        }
        if (!nextPlanId.equals(s.planId())) {
            changes.changed(rolled.withPlan(nextPlanId), s.planId(),
                    s.cancelAtPeriodEnd() ? "canceled" : "downgraded", now);
        }
        entitlements.publish(s.userId(), now);
        return true;
    }
}
