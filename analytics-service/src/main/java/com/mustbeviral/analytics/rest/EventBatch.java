package com.mustbeviral.analytics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/events}: 1 to 500 events. Each event is read on its own
 * ({@code ReportedEvent}), so that one malformed event is refused alone.
 */
public record EventBatch(@NotEmpty @Size(max = 500) List<JsonNode> events) {
}
