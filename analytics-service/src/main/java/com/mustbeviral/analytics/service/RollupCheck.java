package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.repository.Counters;
import com.mustbeviral.analytics.repository.RawEventRepository;
import com.mustbeviral.analytics.repository.RollupKey;
import com.mustbeviral.analytics.repository.RollupRepository;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes the rollups from the raw events and compares: every row of every whole day in
 * [{@code from}, {@code to}) must equal what its raw events add up to. Only days whose raw events are
 * all still kept can be checked (the retention deletes older ones).
 */
@ApplicationScoped
public class RollupCheck {

    /** A rollup row that differs from its raw events: what the table says and what they add up to. */
    public record Mismatch(RollupKey key, Counters stored, Counters recomputed) {
    }

    private final RawEventRepository rawEvents;
    private final RollupRepository rollups;

    RollupCheck(RawEventRepository rawEvents, RollupRepository rollups) {
        this.rawEvents = rawEvents;
        this.rollups = rollups;
    }

    /** The rows that differ, in one read transaction (a consistent snapshot while the aggregator writes). */
    public List<Mismatch> check(Instant from, Instant to) {
        long start = from.truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        long end = to.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toEpochMilli();
        return QuarkusTransaction.requiringNew().call(() -> {
            RollupDelta recomputed = new RollupDelta();
            for (EngagementRecorded event : rawEvents.between(start, end)) {
                recomputed.add(event);
            }
            Map<RollupKey, Counters> stored = rollups.rowsBetween(start, end);
            Set<RollupKey> keys = new HashSet<>(stored.keySet());
            keys.addAll(recomputed.rows().keySet());
            List<Mismatch> mismatches = new ArrayList<>();
            for (RollupKey key : keys) {
                Counters mine = stored.getOrDefault(key, new Counters());
                Counters theirs = recomputed.rows().getOrDefault(key, new Counters());
                if (!mine.equals(theirs)) {
                    mismatches.add(new Mismatch(key, mine, theirs));
                }
            }
            return mismatches;
        });
    }
}
