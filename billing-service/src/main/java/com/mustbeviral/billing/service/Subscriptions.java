package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Invoice;
import com.mustbeviral.billing.Plan;
import com.mustbeviral.billing.Subscription;
import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.InvoiceRepository;
import com.mustbeviral.billing.repository.PlanRepository;
import com.mustbeviral.billing.repository.SubscriptionRepository;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.SubscriptionChanged;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Plan changes, computed locally (no Stripe key): an upgrade applies now with a prorated charge for
 * the rest of the period; a downgrade, and a cancellation (back to the default plan), wait for the
 * period's end ({@link PeriodResets}). Each change writes the subscription, its invoice and its events
 * ({@code subscription.changed}, {@code entitlements.updated} when the limits change) in one transaction.
 */
@ApplicationScoped
public class Subscriptions {

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final InvoiceRepository invoices;
    private final Entitlements entitlements;
    private final Outbox outbox;
    private final StripeAccount stripe;
    private final BillingConfig config;
    private final Clock clock;

    Subscriptions(SubscriptionRepository subscriptions, PlanRepository plans, InvoiceRepository invoices,
            Entitlements entitlements, Outbox outbox, StripeAccount stripe, BillingConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.invoices = invoices;
        this.entitlements = entitlements;
        this.outbox = outbox;
        this.stripe = stripe;
        this.config = config;
        this.clock = clock;
    }

    /** What a change to {@code planId} would do: now or at the period's end, and what it charges now. */
    public record ChangePreview(String from, String to, String kind, Instant effectiveAt, long amountDueNowCents,
            String currency, Instant periodStart, Instant periodEnd) {
    }

    /** The user's plan and subscription as they stand. */
    public Entitlements.Entitlement current(UUID userId) throws SQLException {
        return entitlements.of(userId, clock.instant());
    }

    /** The change's effect without applying it. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public ChangePreview preview(UUID userId, String planId) throws SQLException {
        Instant now = clock.instant();
        return plan(entitlements.of(userId, now), target(planId), now);
    }

    /** Applies the change: an upgrade now (prorated), a downgrade at the period's end. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public ChangePreview change(UUID userId, String planId) throws SQLException {
        Instant now = clock.instant();
        Entitlements.Entitlement current = entitlements.of(userId, now);
        Plan to = target(planId);
        ChangePreview preview = plan(current, to, now);
        notStripes();
        Optional<Subscription> live = current.subscription();
        if (live.isEmpty()) {
            // The first paid plan: a subscription anchored now, its first period charged in full.
            Subscription created = new Subscription(UUID.randomUUID(), userId, to.id(), "active", null, null, now,
                    Period.nth(now, to.billingInterval(), 0), false, null, 1);
            subscriptions.insert(created, now);
            charge(created, preview.amountDueNowCents(), to, "Subscription to " + to.name(), now);
            changed(created, current.plan().id(), "upgrade", now);
            entitlements.publish(userId, now);
            return preview;
        }
        Subscription s = live.get();
        Subscription next = "upgrade".equals(preview.kind())
                ? s.withPlan(to.id()).withEnding(false, null)
                : s.withEnding(false, to.id());
        save(next, now);
        if ("upgrade".equals(preview.kind())) {
            charge(s, preview.amountDueNowCents(), to, "Upgrade to " + to.name() + " (prorated)", now);
            changed(next, s.planId(), "upgrade", now);
            entitlements.publish(userId, now);
        } else {
            changed(next, s.planId(), "downgrade-scheduled", now);
        }
        return preview;
    }

    /** Back to the default plan at the period's end. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public Subscription cancel(UUID userId) throws SQLException {
        notStripes();
        Instant now = clock.instant();
        Subscription s = paid(userId);
        if (s.cancelAtPeriodEnd()) {
            throw new Refusal(BillingRefusal.ALREADY_ENDING, "Your subscription already ends on " + s.period().end() + ".");
        }
        Subscription next = s.withEnding(true, null);
        save(next, now);
        changed(next, s.planId(), "cancel-scheduled", now);
        return next;
    }

    /** Undoes a cancellation or a scheduled downgrade before the period ends. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public Subscription resume(UUID userId) throws SQLException {
        notStripes();
        Instant now = clock.instant();
        Subscription s = paid(userId);
        if (!s.cancelAtPeriodEnd() && s.pendingPlanId() == null) {
            throw new Refusal(BillingRefusal.NOT_ENDING, "Your subscription is not ending or changing.");
        }
        Subscription next = s.withEnding(false, null);
        save(next, now);
        changed(next, s.planId(), "resumed", now);
        return next;
    }

    /** With Stripe, changes go through Checkout and the portal, whose webhooks bring them here. */
    private void notStripes() {
        if (stripe.enabled()) {
            throw new Refusal(BillingRefusal.MANAGED_BY_STRIPE, "Plans are changed through Stripe here: "
                    + "POST /api/billing/checkout for a paid plan, POST /api/billing/portal for the rest.");
        }
    }

    private Subscription paid(UUID userId) throws SQLException {
        Subscription s = subscriptions.live(userId).orElseThrow(() -> new Refusal(BillingRefusal.NO_SUBSCRIPTION,
                "You have no subscription; you are on the " + config.defaultPlan() + " plan."));
        if (entitlements.plan(s.planId()).free()) {
            throw new Refusal(BillingRefusal.NO_SUBSCRIPTION, "You are on the " + s.planId() + " plan: nothing to cancel.");
        }
        return s;
    }

    private Plan target(String planId) throws SQLException {
        if (planId == null || planId.isBlank()) {
            throw new Refusal(BillingRefusal.INVALID_REQUEST, "Name the plan: {\"plan\": \"pro\"}.");
        }
        return plans.active().stream().filter(p -> p.id().equals(planId)).findFirst()
                .orElseThrow(() -> new Refusal(BillingRefusal.UNKNOWN_PLAN, "There is no plan " + planId + ".")
                        .with("plan", planId));
    }

    private ChangePreview plan(Entitlements.Entitlement current, Plan to, Instant now) {
        Plan from = current.plan();
        if (from.id().equals(to.id())) {
            throw new Refusal(BillingRefusal.SAME_PLAN, "You are on the " + to.id() + " plan already.")
                    .with("plan", to.id());
        }
        if (current.subscription().isEmpty()) {
            Period first = Period.nth(now, to.billingInterval(), 0);
            return new ChangePreview(from.id(), to.id(), to.priceCents() >= from.priceCents() ? "upgrade" : "downgrade",
                    now, to.priceCents(), to.currency(), first.start(), first.end());
        }
        Period period = current.period();
        if (to.priceCents() < from.priceCents()) {
            return new ChangePreview(from.id(), to.id(), "downgrade", period.end(), 0, to.currency(), period.start(),
                    period.end());
        }
        return new ChangePreview(from.id(), to.id(), "upgrade", now,
                prorated(to.priceCents() - from.priceCents(), period, now), to.currency(), period.start(),
                period.end());
    }

    /** The price difference for the part of the period left, to the cent (half up), as Stripe prorates. */
    static long prorated(long differenceCents, Period period, Instant now) {
        long length = Duration.between(period.start(), period.end()).toMillis();
        long left = Math.max(0, Duration.between(now, period.end()).toMillis());
        return Math.round((double) differenceCents * left / length);
    }

    private void save(Subscription next, Instant now) throws SQLException {
        if (!subscriptions.update(next, now)) {
            throw new IllegalStateException("Subscription " + next.id() + " changed meanwhile; try again");
        }
    }

    private void charge(Subscription s, long amount, Plan plan, String description, Instant now) throws SQLException {
        invoices.insert(new Invoice(UUID.randomUUID(), s.userId(), s.id(), amount, plan.currency(), description,
                now, s.period().end(), "paid", null, now));
    }

    void changed(Subscription s, String previousPlan, String reason, Instant now) {
        outbox.append(Topics.BILLING_EVENTS, SubscriptionChanged.TYPE, s.userId().toString(),
                new SubscriptionChanged(s.userId(), s.id(), s.planId(), previousPlan, s.status(), s.cancelAtPeriodEnd(),
                        s.pendingPlanId(), s.period().start(), s.period().end(), reason),
                now);
    }
}
