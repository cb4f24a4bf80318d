package com.mustbeviral.analytics.repository;

import java.util.Comparator;

/** One rollup row: a content's events of one hour or day from one source, device and country. */
public record RollupKey(String contentId, Granularity granularity, long bucket, String source, String device,
        String country) {

    /**
     * The rollups' primary key order (SQLite compares the texts byte by byte, as String does for ASCII):
     * a batch written in this order walks the B-tree forward, neighbours sharing pages.
     */
    public static final Comparator<RollupKey> TABLE_ORDER = Comparator.comparing(RollupKey::contentId)
            .thenComparing(k -> k.granularity().column()).thenComparingLong(RollupKey::bucket)
            .thenComparing(RollupKey::source).thenComparing(RollupKey::device).thenComparing(RollupKey::country);
}
