package com.mustbeviral.billing;

import com.mustbeviral.billing.service.Period;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's subscription to a paid plan: its billing anchor and current period, and what happens at
 * the period's end (a pending downgrade, a cancellation). {@code version} guards every change.
 */
public record Subscription(UUID id, UUID userId, String planId, String status, String stripeCustomerId,
        String stripeSubscriptionId, Instant billingAnchor, Period period, boolean cancelAtPeriodEnd,
        String pendingPlanId, long version) {

    public Subscription withPlan(String plan) {
        return new Subscription(id, userId, plan, status, stripeCustomerId, stripeSubscriptionId, billingAnchor,
                period, cancelAtPeriodEnd, pendingPlanId, version);
    }

    public Subscription withPeriod(Period next) {
        return new Subscription(id, userId, planId, status, stripeCustomerId, stripeSubscriptionId, billingAnchor,
                next, cancelAtPeriodEnd, pendingPlanId, version);
    }

    public Subscription withEnding(boolean cancel, String pending) {
        return new Subscription(id, userId, planId, status, stripeCustomerId, stripeSubscriptionId, billingAnchor,
                period, cancel, pending, version);
    }

    public Subscription withStatus(String next) {
        return new Subscription(id, userId, planId, next, stripeCustomerId, stripeSubscriptionId, billingAnchor,
                period, cancelAtPeriodEnd, pendingPlanId, version);
    }

    public Subscription withStripe(String customer, String subscription) {
        return new Subscription(id, userId, planId, status, customer, subscription, billingAnchor, period,
                cancelAtPeriodEnd, pendingPlanId, version);
    }
}
