package com.mustbeviral.contracts.content;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code content.updated} on {@code content.events}: a new version of a piece was saved (an edit,
 * a restored revision, or a soft delete: {@code deleted} true). {@code changed_fields} names what changed;
 * {@code actor_id} and {@code actor_role} say who did it (an admin's or moderator's edit is audited by it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentUpdated(UUID contentId, UUID authorId, UUID actorId, String actorRole, List<String> changedFields,
        String status, boolean deleted, long version, Instant updatedAt) {
    public static final String TYPE = "content.updated";
}
