package com.mustbeviral.billing;

import java.util.Optional;

/** The metered features of the ledger, by their names in events, tables and answers. */
public enum Feature {
    AI_GENERATIONS("ai_generations"),
    PUBLISHES("publishes"),
    API_CALLS("api_calls");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Feature> named(String wireName) {
        for (Feature feature : values()) {
            if (feature.wireName.equals(wireName)) {
                return Optional.of(feature);
            }
        }
        return Optional.empty();
    }
}
