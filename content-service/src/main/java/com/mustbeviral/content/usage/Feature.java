package com.mustbeviral.content.usage;

import com.mustbeviral.contracts.billing.EntitlementsUpdated;
import com.mustbeviral.contracts.billing.UsageIncremented;

/** What content meters: the features of billing's entitlements that content enforces. */
public enum Feature {
    AI_GENERATIONS(UsageIncremented.AI_GENERATIONS),
    PUBLISHES(UsageIncremented.PUBLISHES);

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    /** The name in events, tables and problems, e.g. {@code ai_generations}. */
    public String wireName() {
        return wireName;
    }

    long limitIn(EntitlementsUpdated.Limits limits) {
        return switch (this) {
            case AI_GENERATIONS -> limits.aiGenerations();
            case PUBLISHES -> limits.publishes();
        };
    }

    long freeLimit(UsageSettings.Free free) {
        return switch (this) {
            case AI_GENERATIONS -> free.aiGenerations();
            case PUBLISHES -> free.publishes();
        };
    }
}
