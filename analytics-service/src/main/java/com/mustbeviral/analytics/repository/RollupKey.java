package com.mustbeviral.analytics.repository;

/** One rollup row: a content's events of one hour or day from one source, device and country. */
public record RollupKey(String contentId, Granularity granularity, long bucket, String source, String device,
        String country) {
}
