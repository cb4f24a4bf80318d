package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Plan;
import com.mustbeviral.billing.repository.PlanRepository;
import com.mustbeviral.billing.repository.SubscriptionRepository;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * Sends a user to Stripe: Checkout for a paid plan (the subscription arrives later by webhook) and the
 * customer portal. The user's Stripe customer is created at their first checkout and kept.
 */
@ApplicationScoped
public class StripeCheckout {

    private final StripeAccount stripe;
    private final PlanRepository plans;
    private final SubscriptionRepository subscriptions;
    private final Entitlements entitlements;
    private final Clock clock;

    StripeCheckout(StripeAccount stripe, PlanRepository plans, SubscriptionRepository subscriptions,
            Entitlements entitlements, Clock clock) {
        this.stripe = stripe;
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    public StripeAccount.CheckoutSession start(UUID userId, String planId) throws SQLException {
        if (!stripe.enabled()) {
            throw new Refusal(BillingRefusal.CHECKOUT_UNAVAILABLE,
                    "Billing runs without Stripe here: change the plan with POST /api/billing/subscription/change.");
        }
        Plan plan = plans.active().stream().filter(p -> p.id().equals(planId) && p.stripePriceId() != null)
                .findFirst().orElseThrow(() -> new Refusal(BillingRefusal.UNKNOWN_PLAN,
                        "There is no paid plan " + planId + ".").with("plan", planId));
        if (entitlements.of(userId, clock.instant()).plan().id().equals(plan.id())) {
            throw new Refusal(BillingRefusal.SAME_PLAN, "You are on the " + plan.id() + " plan already.");
        }
        String customer = subscriptions.stripeCustomerOf(userId).orElse(null);
        if (customer == null) {
            customer = stripe.createCustomer(userId);
            subscriptions.rememberStripeCustomer(userId, customer, clock.instant());
        }
        return stripe.checkout(customer, userId, plan.stripePriceId());
    }

    public String portal(UUID userId) throws SQLException {
        if (!stripe.enabled()) {
            throw new Refusal(BillingRefusal.CHECKOUT_UNAVAILABLE, "Billing runs without Stripe here: no portal.");
        }
        String customer = subscriptions.stripeCustomerOf(userId).orElseThrow(() -> new Refusal(
                BillingRefusal.NO_CUSTOMER, "You have no billing account yet: start with POST /api/billing/checkout."));
        return stripe.portal(customer);
    }
}
