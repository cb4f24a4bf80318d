package com.mustbeviral.gateway.health;

import java.util.List;

/** What one upstream answered on its readiness endpoint, with the prefixes it owns. */
public record UpstreamReadiness(String name, String url, List<String> prefixes, boolean ready, String detail) {
}
