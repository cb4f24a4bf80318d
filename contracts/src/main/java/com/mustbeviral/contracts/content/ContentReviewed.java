package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code content.reviewed} on {@code content.events}: a moderator decided on a flagged piece
 * ({@code decision} approved: back to draft; rejected: it cannot be published until edited and passed again).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentReviewed(UUID contentId, UUID authorId, UUID reviewerId, String decision, String reason,
        long reviewedVersion, String status, long version, Instant reviewedAt) {
    public static final String TYPE = "content.reviewed";
}
