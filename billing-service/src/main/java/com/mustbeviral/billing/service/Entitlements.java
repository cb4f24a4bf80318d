package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.Plan;
import com.mustbeviral.billing.Subscription;
import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.PlanRepository;
import com.mustbeviral.billing.repository.SubscriptionRepository;
import com.mustbeviral.billing.repository.UsageLedger;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each user may do: the plan of their live subscription in its current period, else the default
 * plan by calendar month. Billing is the source of truth: every change is published as
 * {@code entitlements.updated} on {@code billing.events}, in the transaction of the change.
 */
@ApplicationScoped
public class Entitlements {

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final UsageLedger ledger;
    private final Outbox outbox;
    private final BillingConfig config;

    Entitlements(SubscriptionRepository subscriptions, PlanRepository plans, UsageLedger ledger, Outbox outbox,
            BillingConfig config) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
    }

    /** A user's plan and the period it applies to now. */
    public record Entitlement(UUID userId, Plan plan, Period period, Optional<Subscription> subscription) {
    }

    public Entitlement of(UUID userId, Instant now) throws SQLException {
        Optional<Subscription> subscription = subscriptions.live(userId);
        if (subscription.isPresent()) {
            return new Entitlement(userId, plan(subscription.get().planId()), subscription.get().period(),
                    subscription);
        }
        return new Entitlement(userId, plan(config.defaultPlan()), Period.calendarMonth(now), Optional.empty());
    }

    /**
     * The entitlements of several users now, by user: one query for their subscriptions and one for
     * the plans, where {@link #of} makes two per user.
     */
    public Map<UUID, Entitlement> of(Collection<UUID> userIds, Instant now) throws SQLException {
        Map<UUID, Subscription> live = subscriptions.live(userIds);
        Map<String, Plan> plans = this.plans.byId();
        Map<UUID, Entitlement> entitlements = new HashMap<>(userIds.size() * 2);
        for (UUID userId : userIds) {
            Subscription subscription = live.get(userId);
            entitlements.put(userId, subscription == null
                    ? new Entitlement(userId, known(plans, config.defaultPlan()), Period.calendarMonth(now),
                            Optional.empty())
                    : new Entitlement(userId, known(plans, subscription.planId()), subscription.period(),
                            Optional.of(subscription)));
        }
        return entitlements;
    }

    private static Plan known(Map<String, Plan> plans, String id) {
        Plan plan = plans.get(id);
        if (plan == null) {
            throw new IllegalStateException("No plan " + id + " in the plans table");
        }
        return plan;
    }

    /** Appends the user's entitlements as they are now (plan, limits, period, used) to the outbox. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void publish(UUID userId, Instant now) throws SQLException {
        Entitlement current = of(userId, now);
        Map<Feature, Long> used = ledger.used(userId, current.period().start());
        Plan.Limits limits = current.plan().limits();
        outbox.append(Topics.BILLING_EVENTS, EntitlementsUpdated.TYPE, userId.toString(),
                new EntitlementsUpdated(userId, current.plan().id(),
                        new EntitlementsUpdated.Limits(limits.aiGenerations(), limits.publishes(), limits.apiCalls(),
                                limits.apiRequestsPerMinute(), limits.mediaStorageMb(), limits.seats()),
                        current.period().start(), current.period().end(),
                        new EntitlementsUpdated.Used(used.get(Feature.AI_GENERATIONS), used.get(Feature.PUBLISHES),
                                used.get(Feature.API_CALLS))),
                now);
    }

    Plan plan(String id) throws SQLException {
        return plans.find(id).orElseThrow(() -> new IllegalStateException("No plan " + id + " in the plans table"));
    }
}
