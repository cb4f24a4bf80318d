package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.config.AnalyticsConfig;
import com.mustbeviral.analytics.repository.ContentStatsRepository;
import com.mustbeviral.analytics.repository.ContentStatsRepository.Unsent;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.analytics.EngagementDelta;
import com.mustbeviral.platform.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Tells content-service, at a steady interval, how each content's views, likes, shares and comments
 * moved since it was last told ({@code engagement.delta} on analytics.engagement): the delta goes
 * into the outbox in the transaction that marks it sent, so it is published once. An erasure makes
 * a negative delta.
 */
@ApplicationScoped
public class EngagementPublisher {

    private final ContentStatsRepository stats;
    private final Outbox outbox;
    private final AnalyticsConfig config;
    private final Clock clock;

    EngagementPublisher(ContentStatsRepository stats, Outbox outbox, AnalyticsConfig config, Clock clock) {
        this.stats = stats;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${analytics.engagement.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        publish();
    }

    /** Returns how many deltas were written. */
    @Transactional(rollbackOn = Exception.class)
    public int publish() throws SQLException {
        Instant now = clock.instant();
        int written = 0;
        for (Unsent unsent : stats.unsent(config.engagement().batchSize())) {
            EngagementDelta delta = new EngagementDelta(UUID.fromString(unsent.contentId()),
                    unsent.views() - unsent.sentViews(), unsent.likes() - unsent.sentLikes(),
                    unsent.shares() - unsent.sentShares(), unsent.comments() - unsent.sentComments(),
                    Instant.ofEpochMilli(unsent.since()), now);
            outbox.append(Topics.ANALYTICS_ENGAGEMENT, EngagementDelta.TYPE, unsent.contentId(), delta, now);
            stats.markSent(unsent, now.toEpochMilli());
            written++;
        }
        return written;
    }
}
