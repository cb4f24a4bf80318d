package com.mustbeviral.contracts.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code entitlements.updated} on {@code billing.events}: what a user may do from now
 * on. auth puts {@code plan} into the user's next access token; metered services enforce the
 * limits themselves (DESIGN.md, flow 3); the gateway takes the user's request quota from
 * {@code limits.api_requests_per_minute}. {@code used} is billing's ledger for the period when the
 * update was decided (null from producers that do not know it).
 * <p>
 * Decisions can arrive out of order (a redelivery, a replay, a partition's lag): consumers keep the
 * newest, a later {@code period_start} first, then within one period the later CloudEvent {@code time}
 * (billing's clock when it decided; the outbox writes it), so no payload field is needed for it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EntitlementsUpdated(UUID userId, String plan, Limits limits, Instant periodStart, Instant periodEnd,
        Used used) {
    public static final String TYPE = "entitlements.updated";

    /** Without the ledger: what consumers that only enforce need. */
    public EntitlementsUpdated(UUID userId, String plan, Limits limits, Instant periodStart, Instant periodEnd) {
        this(userId, plan, limits, periodStart, periodEnd, null);
    }

    /**
     * Included units per period ({@code ai_generations}, {@code publishes}, {@code api_calls}), the
     * request rate the gateway allows, media storage and seats (0 where a producer does not say).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Limits(long aiGenerations, long publishes, long apiCalls, long apiRequestsPerMinute,
            long mediaStorageMb, long seats) {

        /** The metered features only. */
        public Limits(long aiGenerations, long publishes, long apiCalls) {
            this(aiGenerations, publishes, apiCalls, 0, 0, 0);
        }
    }

    /** Units used so far in the period, per metered feature. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Used(long aiGenerations, long publishes, long apiCalls) {
    }
}
