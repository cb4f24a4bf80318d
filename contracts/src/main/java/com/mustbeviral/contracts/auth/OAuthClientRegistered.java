package com.mustbeviral.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code oauth-client.registered} on {@code auth.users} (Kafka key: the client id): an
 * admin registered a partner application. The secret is never in it, not even hashed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OAuthClientRegistered(String clientId, String name, boolean publicClient, List<String> redirectUris,
        List<String> scopes, List<String> grantTypes, UUID registeredBy, Instant registeredAt) {
    public static final String TYPE = "oauth-client.registered";
}
