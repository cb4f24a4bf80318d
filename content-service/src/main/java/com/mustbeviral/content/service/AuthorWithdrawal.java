package com.mustbeviral.content.service;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.event.ContentEvents;
import com.mustbeviral.content.repository.ContentRepository;
import com.mustbeviral.content.repository.TagRepository;
import com.mustbeviral.content.search.ReadingHistory;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A deleted account's content is withdrawn: every piece soft-deleted (gone from feeds, links and
 * counts; each with its {@code content.updated}, deleted true), in one transaction with the claim of
 * the event, so a redelivery changes nothing. The rows stay until an erasure request
 * ({@code privacy.requests}) anonymizes them, as the account itself stays soft-deleted in auth.
 * The account's metering and reading history go in the same transaction: nothing is left to enforce
 * or to recommend from.
 */
@ApplicationScoped
public class AuthorWithdrawal {

    private final ContentRepository contents;
    private final TagRepository tags;
    private final ContentEvents events;
    private final ProcessedEvents processed;
    private final UsageMeter usage;
    private final ReadingHistory history;
    private final Clock clock;

    AuthorWithdrawal(ContentRepository contents, TagRepository tags, ContentEvents events, ProcessedEvents processed,
            UsageMeter usage, ReadingHistory history, Clock clock) {
        this.contents = contents;
        this.tags = tags;
        this.events = events;
        this.processed = processed;
        this.usage = usage;
        this.history = history;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public int withdraw(String eventId, String authorId) throws SQLException {
        if (!processed.claim(eventId)) {
            return 0;
        }
        Caller system = new Caller(authorId, "system", false, true);
        int withdrawn = 0;
        List<Content> pieces;
        do {
            pieces = contents.ofAuthor(authorId, Long.MAX_VALUE, "~", 200);
            for (Content c : pieces) {
                long now = clock.millis();
                Content next = c.next(now, now);
                if (contents.compareAndSet(next)) {
                    tags.countsChanged(c, next);
                    events.updated(next, system, List.of("deleted"));
                    withdrawn++;
                }
            }
        } while (!pieces.isEmpty());
        usage.forget(UUID.fromString(authorId));
        history.forget(authorId);
        return withdrawn;
    }
}
