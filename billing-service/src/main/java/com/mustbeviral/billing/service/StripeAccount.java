package com.mustbeviral.billing.service;

import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.platform.problem.Refusal;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Billing's calls to Stripe's API through stripe-java; absent (local mode) without
 * {@code billing.stripe.api-key}. Each failure of Stripe is a {@link BillingRefusal#STRIPE_FAILED} (502).
 */
@ApplicationScoped
public class StripeAccount {

    private static final Logger LOG = Logger.getLogger(StripeAccount.class);

    private final StripeClient client;
    private final BillingConfig.Stripe config;

    StripeAccount(BillingConfig config) {
        this.config = config.stripe();
        this.client = this.config.apiKey().filter(key -> !key.isBlank()).map(key -> {
            StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(key).setMaxNetworkRetries(2)
                    .setConnectTimeout(5_000).setReadTimeout(10_000);
            this.config.apiBase().ifPresent(builder::setApiBase);
            return builder.build();
        }).orElse(null);
    }

    /** False in local mode. */
    public boolean enabled() {
        return client != null;
    }

    /** A new Stripe customer for the user (the user id in its metadata). */
    public String createCustomer(UUID userId) {
        return call(() -> client.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("user_id", userId.toString()).build()).getId());
    }

    /** A Checkout session subscribing the customer to {@code priceId}; its id and the URL to send the user to. */
    public record CheckoutSession(String id, String url) {
    }

    public CheckoutSession checkout(String customerId, UUID userId, String priceId) {
        return call(() -> {
            var session = client.v1().checkout().sessions().create(SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                    .setCustomer(customerId)
                    .setClientReferenceId(userId.toString())
                    .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                    .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                            .putMetadata("user_id", userId.toString()).build())
                    .setSuccessUrl(config.successUrl())
                    .setCancelUrl(config.cancelUrl())
                    .build());
            return new CheckoutSession(session.getId(), session.getUrl());
        });
    }

    /** A customer portal session's URL. */
    public String portal(String customerId) {
        return call(() -> client.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(customerId)
                        .setReturnUrl(config.portalReturnUrl()).build()).getUrl());
    }

    /** The subscription as Stripe holds it now (webhooks act on this, not on the event's snapshot). */
    public Subscription subscription(String stripeSubscriptionId) {
        return call(() -> client.v1().subscriptions().retrieve(stripeSubscriptionId));
    }

    /**
     * Reports usage as a billing meter event ({@code POST /v1/billing/meter_events}); Stripe's failure is
     * the caller's to judge (it retries later, without stripe-java's own waits on this thread). The
     * identifier dedupes in Stripe for at least 24 h; the idempotency key makes a resend of the same
     * request answer as the first one did.
     */
    public void reportMeterEvent(String identifier, String customerId, String eventName, long value,
            Instant occurredAt) throws StripeException {
        client.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                .setEventName(eventName)
                .setIdentifier(identifier)
                .putPayload("stripe_customer_id", customerId)
                .putPayload("value", Long.toString(value))
                .setTimestamp(occurredAt.getEpochSecond())
                .build(),
                RequestOptions.builder().setIdempotencyKey("meter-event-" + identifier).setMaxNetworkRetries(0).build());
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            LOG.warnf("Stripe refused or failed: %s (request %s)", e.getMessage(), e.getRequestId());
            throw new Refusal(BillingRefusal.STRIPE_FAILED, "The payment provider could not complete this; try again.");
        }
    }
}
