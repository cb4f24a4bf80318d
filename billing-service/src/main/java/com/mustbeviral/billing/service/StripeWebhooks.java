package com.mustbeviral.billing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.billing.Plan;
import com.mustbeviral.billing.Subscription;
import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.PlanRepository;
import com.mustbeviral.billing.repository.SubscriptionRepository;
import com.mustbeviral.platform.problem.Refusal;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/webhooks/stripe}: each delivery's signature verified by stripe-java against every
 * configured secret (rotation) within {@code billing.stripe.webhook-tolerance}; each event id handled
 * once (recorded in {@code stripe_webhook_events} in the transaction of its effect); and safe in any
 * order: a subscription event is acted on through the subscription's current state, fetched from
 * Stripe, never through the event's snapshot, so a late, older event cannot undo a newer one.
 */
@ApplicationScoped
public class StripeWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class);
    /** Stripe statuses after which the subscription grants nothing. */
    private static final Set<String> ENDED = Set.of("canceled", "incomplete_expired", "unpaid");

    private final StripeAccount stripe;
    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final Entitlements entitlements;
    private final Subscriptions changes;
    private final BillingConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    StripeWebhooks(StripeAccount stripe, SubscriptionRepository subscriptions, PlanRepository plans,
            Entitlements entitlements, Subscriptions changes, BillingConfig config, ObjectMapper json, Clock clock) {
        this.stripe = stripe;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.entitlements = entitlements;
        this.changes = changes;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public enum Outcome { HANDLED, DUPLICATE, IGNORED }

    public Outcome receive(String payload, String signatureHeader) throws SQLException {
        Event event = verified(payload, signatureHeader);
        if (subscriptions.webhookHandled(event.getId())) {
            return Outcome.DUPLICATE;
        }
        Optional<String> subscriptionId = subscriptionOf(event.getType(), payload);
        // Fetched before the transaction: no database transaction waits on Stripe.
        com.stripe.model.Subscription current = subscriptionId.isPresent() && stripe.enabled()
                ? stripe.subscription(subscriptionId.get()) : null;
        return record(event.getId(), event.getType(), current);
    }

    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    Outcome record(String eventId, String type, com.stripe.model.Subscription current) throws SQLException {
        Instant now = clock.instant();
        if (!subscriptions.claimWebhook(eventId, type, now)) {
            return Outcome.DUPLICATE;
        }
        if (current == null) {
            return Outcome.IGNORED;
        }
        apply(current, now);
        return Outcome.HANDLED;
    }

    private Event verified(String payload, String signatureHeader) {
        List<String> secrets = config.stripe().webhookSecrets().orElse(List.of());
        if (signatureHeader == null || signatureHeader.isBlank() || payload == null) {
            throw new Refusal(BillingRefusal.BAD_SIGNATURE, "A Stripe webhook needs its Stripe-Signature header.");
        }
        for (String secret : secrets) {
            try {
                return Webhook.constructEvent(payload, signatureHeader, secret,
                        config.stripe().webhookTolerance().toSeconds(), clock);
            } catch (SignatureVerificationException e) {
                // the next secret may have signed it (rotation)
            } catch (RuntimeException e) {
                throw new Refusal(BillingRefusal.INVALID_REQUEST, "The webhook's body is not a Stripe event.");
            }
        }
        throw new Refusal(BillingRefusal.BAD_SIGNATURE,
                "The Stripe-Signature does not verify with any current secret, or its timestamp is too old.");
    }

    /** The Stripe subscription an event is about, for the types that change one. */
    private Optional<String> subscriptionOf(String type, String payload) {
        try {
            JsonNode object = json.readTree(payload).path("data").path("object");
            if (type.startsWith("customer.subscription.")) {
                return Optional.of(object.path("id").asText()).filter(id -> !id.isBlank());
            }
            if ("checkout.session.completed".equals(type) || type.startsWith("invoice.")) {
                return Optional.ofNullable(object.path("subscription").textValue());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new Refusal(BillingRefusal.INVALID_REQUEST, "The webhook's body is not JSON.");
        }
    }

    /** Makes the local subscription what Stripe says it is now; publishes what changed. */
    private void apply(com.stripe.model.Subscription current, Instant now) throws SQLException {
        String userText = current.getMetadata() == null ? null : current.getMetadata().get("user_id");
        if (userText == null || current.getItems() == null || current.getItems().getData().isEmpty()) {
            LOG.warnf("Stripe subscription %s has no user_id in its metadata or no item; ignored", current.getId());
            return;
        }
        UUID userId = UUID.fromString(userText);
        SubscriptionItem item = current.getItems().getData().get(0);
        boolean ended = ENDED.contains(current.getStatus());
        if ("incomplete".equals(current.getStatus())) {
            return; // not paid yet: nothing is granted
        }
        Optional<Subscription> byStripe = subscriptions.byStripeId(current.getId());
        Optional<Subscription> local = byStripe.isPresent() ? byStripe : subscriptions.live(userId);
        if (ended && byStripe.isEmpty()) {
            return; // the end of a subscription the user has moved on from
        }
        String planId = ended ? config.defaultPlan() : plans.byStripePrice(item.getPrice().getId())
                .map(Plan::id).orElseThrow(() -> new IllegalStateException(
                        "No plan sold at Stripe price " + item.getPrice().getId()));
        Period period = new Period(Instant.ofEpochSecond(item.getCurrentPeriodStart()),
                Instant.ofEpochSecond(item.getCurrentPeriodEnd()));
        String status = "past_due".equals(current.getStatus()) ? "past_due" : "active";
        boolean cancelAtEnd = !ended && Boolean.TRUE.equals(current.getCancelAtPeriodEnd());
        // An ended Stripe subscription leaves the user on the default plan, billed locally from then on.
        String stripeId = ended ? null : current.getId();
        String previousPlan = local.map(Subscription::planId).orElse(config.defaultPlan());
        Subscription next;
        if (local.isEmpty()) {
            next = new Subscription(UUID.randomUUID(), userId, planId, status, current.getCustomer(), stripeId,
                    period.start(), period, cancelAtEnd, null, 1);
            subscriptions.insert(next, now);
        } else {
            Subscription s = local.get();
            next = s.withPlan(planId).withStatus(status).withPeriod(period).withEnding(cancelAtEnd, null)
                    .withStripe(current.getCustomer(), stripeId);
            if (next.equals(s)) {
                return; // already so: a redelivery in other clothes, or an event about nothing we keep
            }
            if (!subscriptions.update(next, now)) {
                throw new IllegalStateException("Subscription " + s.id() + " changed meanwhile; Stripe retries");
            }
        }
        changes.changed(next, previousPlan, ended ? "canceled" : "stripe", now);
        entitlements.publish(userId, now);
    }
}
