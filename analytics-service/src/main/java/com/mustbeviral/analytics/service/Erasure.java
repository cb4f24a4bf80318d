package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.repository.AudienceRepository;
import com.mustbeviral.analytics.repository.RawEventRepository;
import com.mustbeviral.analytics.repository.RollupRepository;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * A deleted user ({@code user.deleted}) leaves analytics: their raw events are deleted and what they
 * added to the rollups, the totals and the unique visitors is taken out, in one transaction with the
 * event's claim. The user is remembered as erased, so that a copy of one of their events still
 * travelling on analytics.raw is never counted again. Events older than the retention are gone
 * already and stay in the rollups as anonymous numbers (README).
 */
@ApplicationScoped
public class Erasure {

    private final ProcessedEvents processed;
    private final RawEventRepository rawEvents;
    private final RollupRepository rollups;
    private final AudienceRepository audience;
    private final Aggregator aggregator;
    private final Clock clock;

    Erasure(ProcessedEvents processed, RawEventRepository rawEvents, RollupRepository rollups,
            AudienceRepository audience, Aggregator aggregator, Clock clock) {
        this.processed = processed;
        this.rawEvents = rawEvents;
        this.rollups = rollups;
        this.audience = audience;
        this.aggregator = aggregator;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public void erase(String eventId, UUID userId) throws SQLException {
        if (!processed.claim(eventId)) {
            return;
        }
        String user = userId.toString();
        audience.erase(user, clock.millis());
        RollupDelta delta = new RollupDelta();
        for (EngagementRecorded event : rawEvents.ofUser(user)) {
            delta.add(event);
        }
        aggregator.apply(delta, -1);
        rollups.deleteVisitor(VisitorIds.ofUser(userId));
        rawEvents.deleteOfUser(user);
    }
}
