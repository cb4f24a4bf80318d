package com.mustbeviral.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of billing-service (prefix {@code billing}). */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** Plan of every user until a subscription says otherwise. */
    @WithDefault("free")
    String defaultPlan();
}
