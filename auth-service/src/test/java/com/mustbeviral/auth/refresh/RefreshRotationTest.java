package com.mustbeviral.auth.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.refresh.RefreshRotation.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshRotationTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Instant ROTATED_AT = Instant.parse("2026-12-04T12:00:00Z");

    private final RefreshRotation rotation = new RefreshRotation(WINDOW, 2);
    private final AtomicInteger spent = new AtomicInteger();

    /** A token's grace uses, as its repository counts them. */
    private boolean spend(int maxUses) {
        if (spent.get() >= maxUses) {
            return false;
        }
        spent.incrementAndGet();
        return true;
    }

    @Test
    void theCurrentGenerationRotatesWithoutSpendingGrace() throws Exception {
        assertEquals(Verdict.CURRENT, rotation.judge(3, 3, null, ROTATED_AT, this::spend));
        assertEquals(0, spent.get());
    }

    @Test
    void thePreviousGenerationWithinTheWindowRotatesAgainAndSpendsAGraceUse() throws Exception {
        assertEquals(Verdict.GRACE, rotation.judge(2, 3, ROTATED_AT, ROTATED_AT.plusSeconds(9), this::spend));
        assertEquals(1, spent.get());
    }

    @Test
    void thePreviousGenerationIsAReuseOnceItsGraceUsesAreSpent() throws Exception {
        Instant now = ROTATED_AT.plusSeconds(1);
        assertEquals(Verdict.GRACE, rotation.judge(2, 3, ROTATED_AT, now, this::spend));
        assertEquals(Verdict.GRACE, rotation.judge(2, 3, ROTATED_AT, now, this::spend));
        assertEquals(Verdict.REUSE, rotation.judge(2, 3, ROTATED_AT, now, this::spend));
    }

    @Test
    void thePreviousGenerationIsAReuseWhenTheWindowHasEnded() throws Exception {
        assertEquals(Verdict.REUSE, rotation.judge(2, 3, ROTATED_AT, ROTATED_AT.plus(WINDOW), this::spend));
        assertEquals(0, spent.get());
    }

    @Test
    void anOlderGenerationIsAReuseEvenWithinTheWindow() throws Exception {
        assertEquals(Verdict.REUSE, rotation.judge(1, 3, ROTATED_AT, ROTATED_AT.plusSeconds(1), this::spend));
        assertEquals(0, spent.get());
    }

    @Test
    void onlyReuseLeavesTheFamilyUnrotated() {
        assertTrue(Verdict.CURRENT.rotates());
        assertTrue(Verdict.GRACE.rotates());
        assertFalse(Verdict.REUSE.rotates());
    }
}
