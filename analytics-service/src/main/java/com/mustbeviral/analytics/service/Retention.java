package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.config.AnalyticsConfig;
import com.mustbeviral.analytics.repository.RawEventRepository;
import com.mustbeviral.analytics.repository.VisitorSaltRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Deletes raw events older than {@code analytics.retention} (the rollups stay), a few thousand per
 * transaction so that ingestion is never held up long, and the visitor salts of past days.
 */
@ApplicationScoped
public class Retention {

    private static final int CHUNK = 5_000;

    private final RawEventRepository rawEvents;
    private final VisitorSaltRepository salts;
    private final AnalyticsConfig config;
    private final Clock clock;

    Retention(RawEventRepository rawEvents, VisitorSaltRepository salts, AnalyticsConfig config, Clock clock) {
        this.rawEvents = rawEvents;
        this.salts = salts;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${analytics.retention.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        purge();
    }

    /** Returns how many raw events were deleted. */
    public long purge() throws SQLException {
        Instant now = clock.instant();
        long cutoff = now.minus(config.retention().keep()).toEpochMilli();
        long deleted = 0;
        int chunk;
        do {
            chunk = QuarkusTransaction.requiringNew().call(() -> rawEvents.purgeBefore(cutoff, CHUNK));
            deleted += chunk;
        } while (chunk == CHUNK);
        salts.deleteBefore(now.truncatedTo(ChronoUnit.DAYS).toEpochMilli());
        return deleted;
    }
}
