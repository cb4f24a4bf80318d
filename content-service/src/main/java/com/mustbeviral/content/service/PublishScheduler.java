package com.mustbeviral.content.service;

import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.repository.ContentRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes scheduled content when its time comes: every {@code content.scheduler.every} and once at
 * start (what fell due while the service was down goes out at once). The schedule lives in the
 * database, so it survives restarts; each item is published by a compare-and-set on its status in a
 * transaction with its event ({@link Contents#publishIfDue}), so two instances, or two runs, never
 * publish one item twice.
 */
@ApplicationScoped
public class PublishScheduler {

    private static final Logger LOG = Logger.getLogger(PublishScheduler.class);

    private final ContentRepository contents;
    private final Contents lifecycle;
    private final ContentConfig config;
    private final Clock clock;

    PublishScheduler(ContentRepository contents, Contents lifecycle, ContentConfig config, Clock clock) {
        this.contents = contents;
        this.lifecycle = lifecycle;
        this.config = config;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent start) {
        publishDue();
    }

    @Scheduled(every = "${content.scheduler.every}", delayed = "${content.scheduler.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        publishDue();
    }

    /** Publishes everything due now, batch after batch; the number this run published. */
    public int publishDue() {
        int published = 0;
        try {
            while (true) {
                List<String> due = contents.due(clock.millis(), config.scheduler().batchSize());
                int before = published;
                for (String id : due) {
                    if (lifecycle.publishIfDue(id)) {
                        published++;
                    }
                }
                // Stop when nothing is left, or when another run took everything this one saw.
                if (due.size() < config.scheduler().batchSize() || published == before) {
                    return published;
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The items stay scheduled; the next run tries them again.
            LOG.warnf(e, "Publishing due content failed after %d published; the next run retries", published);
            return published;
        }
    }
}
