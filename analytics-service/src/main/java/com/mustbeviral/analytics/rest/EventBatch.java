package com.mustbeviral.analytics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.mustbeviral.analytics.EventType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Body of {@code POST /api/events}: up to 500 events. */
public record EventBatch(@NotEmpty @Size(max = 500) List<@Valid @NotNull Item> events) {

    /** One event; {@code id} is chosen by the client so that a retried batch is not counted twice. */
    public record Item(@NotNull UUID id, @NotNull EventType type, @NotNull UUID contentId,
            @Size(max = 128) String sessionId, @NotNull Instant occurredAt, JsonNode properties) {
    }
}
