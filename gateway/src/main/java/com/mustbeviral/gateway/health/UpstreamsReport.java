package com.mustbeviral.gateway.health;

import java.util.List;

/** Readiness of every upstream, and whether all of them are ready. */
public record UpstreamsReport(boolean allReady, List<UpstreamReadiness> upstreams) {

    /** A report over {@code upstreams}. */
    public static UpstreamsReport of(List<UpstreamReadiness> upstreams) {
        return new UpstreamsReport(upstreams.stream().allMatch(UpstreamReadiness::ready), upstreams);
    }
}
