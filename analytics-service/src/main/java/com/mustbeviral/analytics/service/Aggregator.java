package com.mustbeviral.analytics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.mustbeviral.analytics.EventType;
import com.mustbeviral.analytics.repository.AudienceRepository;
import com.mustbeviral.analytics.repository.ContentStatsRepository;
import com.mustbeviral.analytics.repository.RawEventRepository;
import com.mustbeviral.analytics.repository.RollupRepository;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.events.UndecodableEvent;
import com.mustbeviral.platform.time.IsoInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the rollups exact: a polled batch of analytics.raw is stored in raw_events (by event id) and
 * the events that were new are added to the rollups, the visitors and the totals, all in one SQLite
 * transaction; the consumer acknowledges the batch only after it commits. A redelivered or replayed
 * event is already in raw_events and adds nothing, and a batch cut short (kill -9) rolls back whole:
 * no number moves twice or half.
 */
@ApplicationScoped
public class Aggregator {

    private final RawEventRepository rawEvents;
    private final RollupRepository rollups;
    private final ContentStatsRepository stats;
    private final AudienceRepository audience;
    private final Clock clock;
    // Made once: two instants per event read without DateTimeFormatter, no reader looked up per record (profiled).
    private final ObjectReader recordedReader;

    Aggregator(RawEventRepository rawEvents, RollupRepository rollups, ContentStatsRepository stats,
            AudienceRepository audience, Clock clock, ObjectMapper json) {
        this.rawEvents = rawEvents;
        this.rollups = rollups;
        this.stats = stats;
        this.audience = audience;
        this.clock = clock;
        this.recordedReader = json.copy()
                .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstants.Deserializer()))
                .readerFor(EngagementRecorded.class);
    }

    @Transactional(rollbackOn = Exception.class)
    public void aggregate(List<InboundEvent> batch) throws SQLException {
        List<EngagementRecorded> events = new ArrayList<>(batch.size());
        Set<String> users = new HashSet<>();
        for (InboundEvent inbound : batch) {
            if (!EngagementRecorded.TYPE.equals(inbound.type())) {
                continue;
            }
            EngagementRecorded event = inbound.payloadAs(recordedReader, EngagementRecorded.class);
            if (event.id() == null || event.contentId() == null || event.occurredAt() == null
                    || event.visitor() == null || event.eventType() == null) {
                throw new UndecodableEvent("An " + EngagementRecorded.TYPE + " without id, content, time, visitor or type");
            }
            if (EventType.fromWireName(event.eventType()).isEmpty()) {
                throw new UndecodableEvent("An " + EngagementRecorded.TYPE + " of unknown type " + event.eventType());
            }
            if (event.userId() != null) {
                users.add(event.userId().toString());
            }
            events.add(event);
        }
        // An erased user's event still travelling is never stored again.
        Set<String> erased = audience.erasedAmong(users);
        if (!erased.isEmpty()) {
            events.removeIf(e -> e.userId() != null && erased.contains(e.userId().toString()));
        }
        if (events.isEmpty()) {
            return;
        }
        // Set-based: a few multi-row inserts for the raw events, then each rollup row, visitor row and
        // total of the batch written once, with what all of the batch's new events add to it.
        Set<UUID> inserted = rawEvents.insertNew(events);
        RollupDelta delta = new RollupDelta();
        for (EngagementRecorded event : events) {
            if (inserted.remove(event.id())) { // removed: an id twice in the batch counts once
                delta.add(event);
            }
        }
        apply(delta, 1);
    }

    /** Adds ({@code sign} 1) or takes out ({@code sign} -1) a delta's counters; visits are only added. */
    void apply(RollupDelta delta, int sign) throws SQLException {
        if (delta.isEmpty()) {
            return;
        }
        rollups.add(delta.rows(), sign);
        stats.addTotals(delta.totals(), sign, clock.millis());
        if (sign > 0) {
            rollups.addVisits(delta.visits());
        }
    }
}
