package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.EventType;
import com.mustbeviral.analytics.repository.Counters;
import com.mustbeviral.analytics.repository.Granularity;
import com.mustbeviral.analytics.repository.RollupKey;
import com.mustbeviral.analytics.repository.RollupRepository.Visit;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a set of events adds to the rollups: counters per rollup row, per content (the totals), and
 * the visits that make unique visitors. The aggregator adds it; erasure takes it out; the recompute
 * check builds it from the raw events.
 */
public final class RollupDelta {

    private final Map<RollupKey, Counters> rows = new HashMap<>();
    private final Map<String, Counters> totals = new HashMap<>();
    private final Set<Visit> visits = new HashSet<>();

    public void add(EngagementRecorded event) {
        EventType type = EventType.fromWireName(event.eventType())
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type " + event.eventType()));
        String content = event.contentId().toString();
        for (Granularity granularity : Granularity.values()) {
            long bucket = granularity.bucketOf(event.occurredAt());
            rows.computeIfAbsent(new RollupKey(content, granularity, bucket, event.source(), event.device(),
                    event.country()), k -> new Counters()).add(type, 1);
            visits.add(new Visit(content, granularity, bucket, event.visitor()));
        }
        totals.computeIfAbsent(content, k -> new Counters()).add(type, 1);
    }

    public Map<RollupKey, Counters> rows() {
        return rows;
    }

    public Map<String, Counters> totals() {
        return totals;
    }

    public Set<Visit> visits() {
        return visits;
    }

    public boolean isEmpty() {
        return totals.isEmpty();
    }
}
