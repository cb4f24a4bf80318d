package com.mustbeviral.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of billing-service (prefix {@code billing}). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** Plan of every user until a subscription says otherwise. */
    @WithDefault("free")
    String defaultPlan();

    Periods periods();

    Stripe stripe();

    /** The period reset. */
    interface Periods {
        /** How often it looks for periods that ended (it also runs once at start). */
        @WithDefault("30s")
        String every();
    }

    /**
     * Stripe. Without {@code api-key} (the local default) billing computes plans, prorations, periods and
     * invoices itself; with one, checkout, the customer portal and subscription state come from Stripe.
     * Secrets come from the environment only (BILLING_STRIPE_API_KEY, BILLING_STRIPE_WEBHOOK_SECRETS).
     */
    interface Stripe {
        Optional<String> apiKey();

        /** Stripe's API address; tests point it at WireMock. */
        Optional<String> apiBase();

        /** Webhook signing secrets, several while one is rotated out (a signature by any of them is accepted). */
        Optional<List<String>> webhookSecrets();

        /** How old a webhook's signed timestamp may be (Stripe's default: 300 s); replays past it are refused. */
        @WithDefault("300s")
        Duration webhookTolerance();

        /** Where Stripe Checkout sends the user back. */
        @WithDefault("http://localhost:8080/billing/success")
        String successUrl();

        @WithDefault("http://localhost:8080/billing/cancelled")
        String cancelUrl();

        /** Where the customer portal returns to. */
        @WithDefault("http://localhost:8080/billing")
        String portalReturnUrl();

        MeterEvents meterEvents();
    }

    /**
     * Booked usage reported to Stripe as billing meter events ({@code POST /v1/billing/meter_events}), one
     * per usage event, the usage event id as the identifier. Stripe meters are account-wide, one per
     * feature; each plan's metered price points at them, so the event name is per feature, not per plan.
     */
    interface MeterEvents {
        /** The meter's {@code event_name} for AI generations. */
        @WithDefault("mbv_ai_generations")
        String aiGenerations();

        @WithDefault("mbv_publishes")
        String publishes();

        @WithDefault("mbv_api_calls")
        String apiCalls();

        /**
         * The most meter events sent per second. A round (every {@code every}) sends at most its share and
         * rounds never overlap, so a second can hold one round more than its share: 800 keeps the worst
         * case (6 rounds of 160) under Stripe's 1,000/s live-mode limit.
         */
        @WithDefault("800")
        int perSecond();

        /** The pause between rounds (a round starts at least this long after the previous one began). */
        @WithDefault("200ms")
        Duration every();

        /** Requests in flight at once (each waits for Stripe's answer). */
        @WithDefault("8")
        int senders();

        /** The wait before the first resend of a failed meter event; it doubles up to {@code max-backoff}. */
        @WithDefault("1s")
        Duration firstBackoff();

        @WithDefault("10m")
        Duration maxBackoff();
    }
}
