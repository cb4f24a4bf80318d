package com.mustbeviral.auth.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Declares the build property {@code platform.outbox.enabled}, which turns the platform's outbox and
 * relay on. The platform's {@code OutboxSettings} maps the same prefix without it, so that, left
 * undeclared, the property fails the start ("does not map to any root"). Unremovable: Quarkus
 * registers a mapping that nothing injects only then. Goes once the platform declares the property.
 */
@Unremovable
@ConfigMapping(prefix = "platform.outbox")
public interface OutboxSwitch {

    /** Whether this service publishes through the platform's outbox (read at build time). */
    @WithDefault("false")
    boolean enabled();
}
