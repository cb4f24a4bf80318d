package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code content.flagged} on {@code content.events}: a piece went to the moderation queue
 * ({@code pending_review}), flagged by the ethics check ({@code source} "ethics", with its score and flags) or
 * by a moderator ({@code source} "moderator").
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentFlagged(UUID contentId, UUID authorId, UUID actorId, String source, double ethicsScore,
        List<String> flags, long version, Instant flaggedAt) {
    public static final String TYPE = "content.flagged";
}
