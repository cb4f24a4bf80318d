package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Payload of {@code content.scheduled} on {@code content.events}: a draft will be published at {@code publish_at}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentScheduled(UUID contentId, UUID authorId, UUID actorId, Instant publishAt, long version,
        Instant scheduledAt) {
    public static final String TYPE = "content.scheduled";
}
