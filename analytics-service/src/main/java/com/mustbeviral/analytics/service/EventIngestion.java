package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.EngagementEvent;
import com.mustbeviral.analytics.config.AnalyticsConfig;
import com.mustbeviral.analytics.repository.RawEventRepository;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Takes batches of client events: all of a batch or nothing, and each event id at most once. */
@ApplicationScoped
public class EventIngestion {

    private final RawEventRepository rawEvents;
    private final AnalyticsConfig config;
    private final Clock clock;

    EventIngestion(RawEventRepository rawEvents, AnalyticsConfig config, Clock clock) {
        this.rawEvents = rawEvents;
        this.config = config;
        this.clock = clock;
    }

    /** Outcome of one batch: events stored now, and events already stored by an earlier delivery. */
    public record Receipt(int accepted, int duplicates) {
    }

    @Transactional(rollbackOn = Exception.class)
    public Receipt ingest(List<EngagementEvent> batch) throws SQLException {
        Instant now = clock.instant();
        Instant latest = now.plus(config.maxClockSkew());
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).occurredAt().isAfter(latest)) {
                throw new Refusal(AnalyticsRefusal.EVENT_FROM_THE_FUTURE, "events[" + i + "].occurred_at lies more than "
                        + config.maxClockSkew() + " ahead of the server clock.");
            }
        }
        int accepted = rawEvents.insertNew(batch, now);
        return new Receipt(accepted, batch.size() - accepted);
    }
}
