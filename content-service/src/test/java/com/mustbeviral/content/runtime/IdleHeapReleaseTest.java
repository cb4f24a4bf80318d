package com.mustbeviral.content.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A full collection is asked for once per quiet spell after activity, only when enough heap is free. */
class IdleHeapReleaseTest {

    private static final long MB = 1024 * 1024;

    @Test
    void releasesOnceAfterAQuietIntervalThatFollowsCollections() {
        IdleHeapRelease.Decision d = new IdleHeapRelease.Decision(24 * MB);
        assertFalse(d.releaseNow(10, 128 * MB, 30 * MB), "the first look has nothing to compare with");
        assertFalse(d.releaseNow(14, 128 * MB, 30 * MB), "collections during the interval: busy");
        assertTrue(d.releaseNow(14, 128 * MB, 30 * MB), "a whole interval without a collection: quiet");
        d.released(15);
        assertFalse(d.releaseNow(15, 60 * MB, 30 * MB), "quiet, but nothing collected since the release");
        assertFalse(d.releaseNow(15, 128 * MB, 30 * MB), "still the same spell, even if the heap looked large");
        assertFalse(d.releaseNow(19, 128 * MB, 30 * MB), "busy again");
        assertTrue(d.releaseNow(19, 128 * MB, 30 * MB), "the next quiet spell releases again");
    }

    @Test
    void keepsAHeapWithLittleFree() {
        IdleHeapRelease.Decision d = new IdleHeapRelease.Decision(24 * MB);
        d.releaseNow(3, 60 * MB, 40 * MB);
        assertFalse(d.releaseNow(3, 60 * MB, 40 * MB), "20 MB free is under the 24 MB worth a pause");
        assertTrue(d.releaseNow(3, 65 * MB, 40 * MB), "25 MB free is worth it");
    }

    @Test
    void theReleaseIsARealCollection() {
        long before = IdleHeapRelease.collections();
        System.gc();
        assertTrue(IdleHeapRelease.collections() > before, "System.gc() counts as a collection, so a release ends its spell");
    }
}
