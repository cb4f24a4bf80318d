package com.mustbeviral.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Configuration of the gateway (prefix {@code gateway}): which upstream service owns which paths. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Upstream services by name (auth, content, analytics, billing, audit), each owning path prefixes. */
    Map<String, Upstream> upstreams();

    /** How {@code GET /gateway/upstreams} asks each upstream whether it is ready. */
    Readiness readiness();

    /** One upstream service behind the gateway. */
    interface Upstream {

        /** Base URL of the service; only scheme (http or https), host and port are used. */
        URI url();

        /** Path prefixes the service owns, e.g. {@code /api/content}; matched on whole path segments. */
        List<String> prefixes();

        /** How long the upstream may stay silent (no pooled connection, no response bytes) before the client gets 504. */
        @WithDefault("30s")
        Duration timeout();

        /** Most keep-alive connections the gateway keeps open to this upstream. */
        @WithDefault("64")
        int poolSize();
    }

    /** Probing the upstreams' own readiness endpoints. */
    interface Readiness {

        /** Path of each upstream's readiness endpoint. */
        @WithDefault("/q/health/ready")
        String path();

        /** How long one probe may take before that upstream counts as not ready. */
        @WithDefault("2s")
        Duration timeout();
    }
}
