package com.mustbeviral.billing;

/**
 * A plan users subscribe to: its price, the units of each metered feature it includes per period and
 * the other limits the fleet enforces; {@code stripePriceId} is its price in Stripe (null: not sold there).
 */
public record Plan(String id, String name, long priceCents, String currency, String billingInterval,
        Limits limits, long overageCentsPerUnit, String stripePriceId) {

    /** Included units per period, the gateway's request rate, media storage and seats. */
    public record Limits(long aiGenerations, long publishes, long apiCalls, long apiRequestsPerMinute,
            long mediaStorageMb, long seats) {

        /** The included units of a metered feature. */
        public long of(Feature feature) {
            return switch (feature) {
                case AI_GENERATIONS -> aiGenerations;
                case PUBLISHES -> publishes;
                case API_CALLS -> apiCalls;
            };
        }
    }

    public boolean free() {
        return priceCents == 0;
    }
}
