package com.mustbeviral.content.service;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.event.ContentEvents;
import com.mustbeviral.content.repository.ContentRepository;
import com.mustbeviral.content.repository.ReviewRepository;
import com.mustbeviral.content.repository.RevisionRepository;
import com.mustbeviral.content.repository.RevisionRepository.Revision;
import com.mustbeviral.content.repository.TagRepository;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The moderation queue: content flagged by the ethics check or a moderator waits in
 * {@code pending_review} until a moderator approves it (back to draft; the approved text is never
 * flagged again) or rejects it (it cannot be published until the author edits it and the edit
 * passes). A moderator judges the version that was flagged, kept as its revision.
 */
@ApplicationScoped
public class Moderation {

    /** A queued piece: its current state and the revision that was flagged. */
    public record Queued(Content content, Draft flagged, long flaggedVersion) {
    }

    private final ContentRepository contents;
    private final RevisionRepository revisions;
    private final ReviewRepository reviews;
    private final TagRepository tags;
    private final Contents lifecycle;
    private final ContentEvents events;
    private final Clock clock;

    Moderation(ContentRepository contents, RevisionRepository revisions, ReviewRepository reviews, TagRepository tags,
            Contents lifecycle, ContentEvents events, Clock clock) {
        this.contents = contents;
        this.revisions = revisions;
        this.reviews = reviews;
        this.tags = tags;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    /** Oldest first. */
    public List<Queued> queue(Cursor after, int limit) throws SQLException {
        Cursor from = after == null ? Cursor.FIRST_ASCENDING : after;
        List<Content> pending = contents.pendingReview(from.at(), from.id(), limit);
        List<Queued> queued = new java.util.ArrayList<>();
        for (Content c : pending) {
            long version = c.flaggedVersion() == null ? c.version() : c.flaggedVersion();
            Draft flagged = revisions.find(c.id(), version).map(lifecycle::snapshot).orElse(c.draft());
            queued.add(new Queued(c, flagged, version));
        }
        return queued;
    }

    /** Approves or rejects the flagged version; {@code seenVersion}, when given, must be the one still flagged. */
    @Transactional(rollbackOn = Exception.class)
    public Content decide(Caller reviewer, String id, boolean approve, String reason, Long seenVersion) throws SQLException {
        Content current = contents.find(id).filter(c -> !c.deleted()).orElseThrow(Contents::notFound);
        if (!"pending_review".equals(current.status())) {
            throw new Refusal(ContentRefusal.NOT_IN_REVIEW, "This content is not waiting for a review.")
                    .with("content_status", current.status());
        }
        long flaggedVersion = current.flaggedVersion() == null ? current.version() : current.flaggedVersion();
        if (seenVersion != null && seenVersion != flaggedVersion) {
            throw Contents.stale(id).with("current_version", flaggedVersion);
        }
        Revision flagged = revisions.find(id, flaggedVersion).orElseThrow();
        ContentStatus to = approve ? ContentStatus.DRAFT : ContentStatus.REJECTED;
        ContentStatus.PENDING_REVIEW.checkTransition(to);
        long now = clock.millis();
        Content next = current.withStatus(to.wire(), current.flaggedVersion());
        if (approve) {
            next = next.withApprovedDigest(Contents.digest(lifecycle.snapshot(flagged)));
        }
        next = next.next(now, null);
        if (!contents.compareAndSet(next)) {
            throw Contents.stale(id);
        }
        String decision = approve ? "approved" : "rejected";
        reviews.insert(UUID.randomUUID().toString(), id, flaggedVersion, reviewer.id(), decision, reason, now);
        events.reviewed(next, reviewer, decision, reason, flaggedVersion);
        return next;
    }

    /** A moderator sends any piece to the queue (e.g. after a report). */
    @Transactional(rollbackOn = Exception.class)
    public Content flag(Caller moderator, String id, String reason) throws SQLException {
        Content current = contents.find(id).filter(c -> !c.deleted()).orElseThrow(Contents::notFound);
        ContentStatus.of(current.status()).checkTransition(ContentStatus.PENDING_REVIEW);
        long now = clock.millis();
        Content next = current.withStatus("pending_review", current.version() + 1).next(now, null);
        if (!contents.compareAndSet(next)) {
            throw Contents.stale(id);
        }
        // The flagged version's revision: the state the moderator will judge.
        revisions.insert(new Revision(id, next.version(), moderator.id(), lifecycle.write(List.of("status")),
                lifecycle.write(lifecycle.get(moderator, id).draft()), now));
        tags.countsChanged(current, next);
        events.flagged(next, moderator, "moderator", List.of("moderator.flagged"));
        return next;
    }
}
