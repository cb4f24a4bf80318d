package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code admin.users-listed} on {@code auth.users} (Kafka key: the admin's id): an admin
 * listed or searched users and saw the accounts {@code userIds}. The search text is left out on
 * purpose, as it is often part of an email address; the ids say whose data was seen.
 * {@code role} is the role filter, or null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AdminUsersListed(UUID actorId, String role, boolean searched, List<UUID> userIds, Instant listedAt) {
    public static final String TYPE = "admin.users-listed";
}
