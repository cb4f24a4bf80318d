package com.mustbeviral.content.event;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.service.Caller;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.content.ContentArchived;
import com.mustbeviral.contracts.content.ContentCreated;
import com.mustbeviral.contracts.content.ContentFlagged;
import com.mustbeviral.contracts.content.ContentPublished;
import com.mustbeviral.contracts.content.ContentReviewed;
import com.mustbeviral.contracts.content.ContentScheduled;
import com.mustbeviral.contracts.content.ContentUpdated;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events of {@code content.events}, written to the outbox in the transaction of the change they
 * report (each method requires one: the outbox's append is MANDATORY). The Kafka key is the content id.
 */
@ApplicationScoped
public class ContentEvents {

    private final Outbox outbox;

    ContentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(Content c, Caller actor) {
        Instant at = Instant.ofEpochMilli(c.createdAt());
        append(ContentCreated.TYPE, c, new ContentCreated(uuid(c.id()), uuid(c.authorId()), uuid(c.workspaceId()),
                uuid(actor.id()), c.draft().type(), c.draft().format(), c.draft().visibility(), c.status(), c.draft().title(),
                c.draft().slug(), c.aiGenerated(), c.ethicsStatus(), c.version(), at), at);
    }

    public void updated(Content c, Caller actor, List<String> changedFields) {
        Instant at = Instant.ofEpochMilli(c.updatedAt());
        append(ContentUpdated.TYPE, c, new ContentUpdated(uuid(c.id()), uuid(c.authorId()), uuid(actor.id()),
                actor.actorRole(), changedFields, c.status(), c.deleted(), c.version(), at), at);
    }

    public void published(Content c, List<String> tags, boolean byScheduler) {
        Instant at = Instant.ofEpochMilli(c.publishedAt());
        append(ContentPublished.TYPE, c, new ContentPublished(uuid(c.id()), uuid(c.authorId()), uuid(c.workspaceId()),
                c.draft().type(), c.draft().visibility(), c.draft().title(), c.draft().slug(), tags, byScheduler,
                c.version(), at), at);
    }

    public void scheduled(Content c, Caller actor) {
        Instant at = Instant.ofEpochMilli(c.updatedAt());
        append(ContentScheduled.TYPE, c, new ContentScheduled(uuid(c.id()), uuid(c.authorId()), uuid(actor.id()),
                Instant.ofEpochMilli(c.scheduledAt()), c.version(), at), at);
    }

    public void archived(Content c, Caller actor) {
        Instant at = Instant.ofEpochMilli(c.updatedAt());
        append(ContentArchived.TYPE, c, new ContentArchived(uuid(c.id()), uuid(c.authorId()), uuid(actor.id()),
                actor.actorRole(), c.version(), at), at);
    }

    public void flagged(Content c, Caller actor, String source, List<String> flags) {
        Instant at = Instant.ofEpochMilli(c.updatedAt());
        append(ContentFlagged.TYPE, c, new ContentFlagged(uuid(c.id()), uuid(c.authorId()), uuid(actor.id()), source,
                c.ethicsScore() == null ? 0 : c.ethicsScore(), flags, c.version(), at), at);
    }

    public void reviewed(Content c, Caller reviewer, String decision, String reason, long reviewedVersion) {
        Instant at = Instant.ofEpochMilli(c.updatedAt());
        append(ContentReviewed.TYPE, c, new ContentReviewed(uuid(c.id()), uuid(c.authorId()), uuid(reviewer.id()),
                decision, reason, reviewedVersion, c.status(), c.version(), at), at);
    }

    private void append(String type, Content c, Object payload, Instant at) {
        outbox.append(Topics.CONTENT_EVENTS, type, c.id(), payload, at);
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id);
    }
}
