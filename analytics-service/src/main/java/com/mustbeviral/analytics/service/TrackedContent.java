package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.repository.ContentStatsRepository;
import com.mustbeviral.contracts.content.ContentArchived;
import com.mustbeviral.contracts.content.ContentPublished;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;

/** What content.events says is published, and by whom: events are accepted for that content only. */
@ApplicationScoped
public class TrackedContent {

    private final ProcessedEvents processed;
    private final ContentStatsRepository stats;
    private final Clock clock;

    TrackedContent(ProcessedEvents processed, ContentStatsRepository stats, Clock clock) {
        this.processed = processed;
        this.stats = stats;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public void published(String eventId, ContentPublished published) throws SQLException {
        if (processed.claim(eventId)) {
            long at = published.publishedAt() == null ? clock.millis() : published.publishedAt().toEpochMilli();
            // Only "public" is listed by trending; anything else (or nothing said) is not.
            String visibility = "public".equals(published.visibility()) ? "public" : "private";
            stats.published(published.contentId().toString(), published.authorId().toString(), visibility, at,
                    clock.millis());
        }
    }

    @Transactional(rollbackOn = Exception.class)
    public void archived(String eventId, ContentArchived archived) throws SQLException {
        if (processed.claim(eventId)) {
            stats.archived(archived.contentId().toString(), clock.millis());
        }
    }
}
