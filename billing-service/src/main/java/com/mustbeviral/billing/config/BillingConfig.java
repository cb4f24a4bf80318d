package com.mustbeviral.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of billing-service (prefix {@code billing}). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** Plan of every user until a subscription says otherwise. */
    @WithDefault("free")
    String defaultPlan();

    Periods periods();

    /** The period reset. */
    interface Periods {
        /** How often it looks for periods that ended (it also runs once at start). */
        @WithDefault("30s")
        String every();
    }
}
