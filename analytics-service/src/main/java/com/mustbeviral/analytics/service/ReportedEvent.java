package com.mustbeviral.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.mustbeviral.analytics.EventType;
import com.mustbeviral.platform.problem.Refusal;
import com.mustbeviral.platform.time.IsoInstants;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One event of a batch as the client reported it, read field by field so that each event is judged
 * on its own: a malformed one is refused with a reason, the others go on.
 */
public record ReportedEvent(UUID id, EventType type, UUID contentId, String eventValue, Instant occurredAt,
        String deviceType, String browser, String os, String country, String source, String medium, String campaign,
        String referrer) {

    private static final int MAX_VALUE_CHARS = 4096;
    private static final int MAX_TEXT_CHARS = 256;
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    /** Reads {@code node}, the event at {@code index}; a {@link Refusal} says what is wrong with it. */
    public static ReportedEvent read(JsonNode node, int index) {
        Where at = new Where(index, null);
        if (node == null || !node.isObject()) {
            throw invalid(at + " is not an object.");
        }
        UUID id = uuid(node, "id", at);
        String typeName = text(node, "event_type", at);
        if (typeName == null) {
            throw invalid(at + ".event_type is missing.");
        }
        EventType type = EventType.fromWireName(typeName).orElseThrow(() -> new Refusal(
                AnalyticsRefusal.UNKNOWN_EVENT_TYPE, at + ".event_type '" + typeName + "' is none of "
                        + Arrays.stream(EventType.values()).map(EventType::wireName).toList() + "."));
        UUID contentId = uuid(node, "content_id", at);
        Instant occurredAt = time(node, "occurred_at", at);
        JsonNode value = node.get("event_value");
        if (value != null && !value.isNull() && !value.isObject()) {
            throw invalid(at + ".event_value is not a JSON object.");
        }
        String eventValue = value == null || value.isNull() ? "{}" : value.toString();
        if (eventValue.length() > MAX_VALUE_CHARS) {
            throw invalid(at + ".event_value is longer than " + MAX_VALUE_CHARS + " characters.");
        }
        JsonNode context = object(node, "user_context", at);
        JsonNode attribution = object(node, "attribution", at);
        Where inContext = new Where(index, "user_context");
        Where inAttribution = new Where(index, "attribution");
        String location = text(context, "location", inContext);
        String referrer = text(attribution, "referrer", inAttribution);
        String source = lower(text(attribution, "source", inAttribution));
        return new ReportedEvent(id, type, contentId, eventValue, occurredAt,
                lower(text(context, "device_type", inContext)), text(context, "browser", inContext),
                text(context, "os", inContext), country(location), source != null ? source : hostOf(referrer),
                lower(text(attribution, "medium", inAttribution)), lower(text(attribution, "campaign", inAttribution)),
                referrer);
    }

    /**
     * Where in the batch a field is ({@code events[3].attribution}): made into text only for a refusal,
     * not for every field of every accepted event.
     */
    private record Where(int index, String object) {
        @Override
        public String toString() {
            return "events[" + index + "]" + (object == null ? "" : "." + object);
        }
    }

    /** A two-letter country code, upper case, or null. */
    private static String country(String location) {
        if (location == null || location.length() != 2 || !COUNTRY.matcher(location).matches()) {
            return null;
        }
        return location.toUpperCase(Locale.ROOT);
    }

    private static UUID uuid(JsonNode node, String field, Where at) {
        String text = text(node, field, at);
        if (text == null) {
            throw invalid(at + "." + field + " is missing.");
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw invalid(at + "." + field + " '" + text + "' is not a UUID.");
        }
    }

    private static Instant time(JsonNode node, String field, Where at) {
        String text = text(node, field, at);
        if (text == null) {
            throw invalid(at + "." + field + " is missing.");
        }
        try {
            // The usual UTC form without DateTimeFormatter; any other offset form as OffsetDateTime reads it.
            Instant utc = IsoInstants.utc(text);
            return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(at + "." + field + " '" + text + "' is not an ISO-8601 time with an offset.");
        }
    }

    private static JsonNode object(JsonNode node, String field, Where at) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isObject()) {
            throw invalid(at + "." + field + " is not an object.");
        }
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode node, String field, Where at) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(at + "." + field + " is not a string.");
        }
        if (value.textValue().length() > MAX_TEXT_CHARS) {
            throw invalid(at + "." + field + " is longer than " + MAX_TEXT_CHARS + " characters.");
        }
        return value.textValue().isBlank() ? null : value.textValue().trim();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** A referrer's host as the source (e.g. "news.ycombinator.com"), when the client named none. */
    private static String hostOf(String referrer) {
        if (referrer == null) {
            return null;
        }
        try {
            String host = URI.create(referrer).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Refusal invalid(String detail) {
        return new Refusal(AnalyticsRefusal.INVALID_EVENT, detail);
    }
}
