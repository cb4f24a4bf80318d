package com.mustbeviral.analytics.repository;

import java.util.Comparator;

/** One rollup row: a content's events of one hour or day from one source, device and country. */
public record RollupKey(String contentId, Granularity granularity, long bucket, String source, String device,
        String country) {

    /**
     * The rollups' primary key order (SQLite compares the texts byte by byte, as String does for ASCII):
     * a batch written in this order walks the B-tree forward, neighbours sharing pages.
     */
    public static final Comparator<RollupKey> TABLE_ORDER = RollupKey::compareInTable;

    // Written out rather than a chain of Comparator.comparing lambdas: the chain was a third of the
    // aggregator's Java samples (JFR, full-seed run).
    private static int compareInTable(RollupKey a, RollupKey b) {
        int c = a.contentId.compareTo(b.contentId);
        if (c == 0) {
            c = a.granularity.column().compareTo(b.granularity.column());
        }
        if (c == 0) {
            c = Long.compare(a.bucket, b.bucket);
        }
        if (c == 0) {
            c = a.source.compareTo(b.source);
        }
        if (c == 0) {
            c = a.device.compareTo(b.device);
        }
        return c != 0 ? c : a.country.compareTo(b.country);
    }
}
