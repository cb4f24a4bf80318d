package com.mustbeviral.billing;

/** A plan users subscribe to: its price and the units of each metered feature it includes per period. */
public record Plan(String id, String name, long priceCents, String currency, String billingInterval,
        Limits limits, long overageCentsPerUnit) {

    /** Included units per period. */
    public record Limits(long aiGenerations, long publishes, long apiCalls) {
    }
}
