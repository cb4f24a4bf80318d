package com.mustbeviral.billing.service;

/** Why billing refused what the caller asked; {@code rest.BillingProblems} says how each is answered. */
public enum BillingRefusal {
    /** No such plan open for sign-up. */
    UNKNOWN_PLAN,
    /** A change to the plan the user is on. */
    SAME_PLAN,
    /** The caller has no subscription to change, cancel or resume. */
    NO_SUBSCRIPTION,
    /** Resume of a subscription that is not ending, or cancel of one that already is. */
    NOT_ENDING,
    ALREADY_ENDING,
    /** A checkout, portal or invoice action that needs a Stripe customer the user does not have. */
    NO_CUSTOMER,
    /** The token acts for no user (a partner's client credentials). */
    NO_USER,
    /** The request body is missing or malformed. */
    INVALID_REQUEST,
    /** A webhook whose signature does not verify (unsigned, wrong secret, outside the tolerance). */
    BAD_SIGNATURE,
    /** Checkout and the portal need Stripe; in local mode plans change through subscription/change. */
    CHECKOUT_UNAVAILABLE,
    /** With Stripe, paid plans change through Checkout and the customer portal, never around them. */
    MANAGED_BY_STRIPE,
    /** Stripe did not answer, or answered with an error. */
    STRIPE_FAILED
}
