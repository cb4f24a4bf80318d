package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code content.created} on {@code content.events}: a piece of content was saved for the first
 * time (as a draft, or pending review when the ethics check flagged it). {@code actor_id} is who created it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentCreated(UUID contentId, UUID authorId, UUID workspaceId, UUID actorId, String type, String format,
        String visibility, String status, String title, String slug, boolean aiGenerated, String ethicsStatus,
        long version, Instant createdAt) {
    public static final String TYPE = "content.created";
}
