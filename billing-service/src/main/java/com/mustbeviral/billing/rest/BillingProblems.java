package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.service.BillingRefusal;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

/** billing-service's one catalogue of problem types: how each refusal is answered. */
@ApplicationScoped
public class BillingProblems implements ProblemCatalogue {

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        if (!(reason instanceof BillingRefusal billing)) {
            throw new IllegalArgumentException("No problem type for " + reason);
        }
        return switch (billing) {
            case UNKNOWN_PLAN -> ProblemType.named("unknown-plan", 400, "Unknown plan");
            case SAME_PLAN -> ProblemType.named("same-plan", 409, "Already on this plan");
            case NO_SUBSCRIPTION -> ProblemType.named("no-subscription", 409, "No subscription");
            case NOT_ENDING -> ProblemType.named("not-ending", 409, "Subscription not ending");
            case ALREADY_ENDING -> ProblemType.named("already-ending", 409, "Subscription already ending");
            case NO_CUSTOMER -> ProblemType.named("no-customer", 409, "No billing customer");
            case NO_USER -> ProblemType.named("no-user", 403, "No user");
            case INVALID_REQUEST -> ProblemType.named("invalid-request", 400, "Invalid request");
            case BAD_SIGNATURE -> ProblemType.named("bad-signature", 400, "Webhook signature invalid");
            case CHECKOUT_UNAVAILABLE -> ProblemType.named("checkout-unavailable", 409, "Checkout unavailable");
            case MANAGED_BY_STRIPE -> ProblemType.named("managed-by-stripe", 409, "Managed by Stripe");
            case STRIPE_FAILED -> ProblemType.named("payment-provider-failed", 502, "The payment provider failed");
        };
    }
}
