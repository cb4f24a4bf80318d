package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Payload of {@code content.archived} on {@code content.events}: a published piece was retired. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentArchived(UUID contentId, UUID authorId, UUID actorId, String actorRole, long version,
        Instant archivedAt) {
    public static final String TYPE = "content.archived";
}
