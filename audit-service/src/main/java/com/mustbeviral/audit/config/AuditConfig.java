package com.mustbeviral.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of audit-service (prefix {@code audit}). */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    /** Hash that the first audit record chains from. */
    @WithDefault("0000000000000000000000000000000000000000000000000000000000000000")
    String genesisHash();

    /** Rows read per query while verifying the whole chain. */
    @WithDefault("1000")
    int verifyBatchSize();
}
