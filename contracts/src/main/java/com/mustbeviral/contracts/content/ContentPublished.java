package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code content.published} on {@code content.events}: a piece went live, at once ({@code
 * by_scheduler} false) or at its scheduled time. Analytics starts tracking it; search indexes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentPublished(UUID contentId, UUID authorId, UUID workspaceId, String type, String visibility,
        String title, String slug, List<String> tags, boolean byScheduler, long version, Instant publishedAt) {
    public static final String TYPE = "content.published";
}
