package com.mustbeviral.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;

/**
 * A consumed CloudEvent (binary mode: attributes from the {@code ce_*} headers, the JSON payload as
 * the record value) and where it came from. Built by {@link InboundEvents}, which guarantees that
 * {@code id}, {@code type} and {@code source} are present.
 */
public final class InboundEvent {

    private final String id;
    private final String type;
    private final String source;
    private final String subject;
    private final Instant time;
    private final String payload;
    private final RecordPosition position;
    private final ObjectMapper json;

    InboundEvent(String id, String type, String source, String subject, Instant time, String payload,
            RecordPosition position, ObjectMapper json) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.payload = payload;
        this.position = position;
        this.json = json;
    }

    /** The CloudEvent {@code id}: the idempotency key. */
    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    /** The aggregate the event is about, or null. */
    public String subject() {
        return subject;
    }

    /** The CloudEvent {@code time}, else the broker's timestamp. */
    public Instant time() {
        return time;
    }

    /** The raw JSON payload. */
    public String payload() {
        return payload;
    }

    public RecordPosition position() {
        return position;
    }

    /**
     * The payload read as {@code type}; a payload that does not parse is {@link UndecodableEvent}
     * (dead-lettered at once: retrying cannot fix it).
     */
    public <T> T payloadAs(Class<T> payloadType) {
        return payloadAs(json.readerFor(payloadType), payloadType);
    }

    /**
     * The payload read by {@code reader} (made once by a consumer that reads many, e.g. with
     * {@link com.mustbeviral.platform.time.IsoInstants.Deserializer}); failures as for {@link #payloadAs(Class)}.
     */
    public <T> T payloadAs(ObjectReader reader, Class<T> payloadType) {
        try {
            T value = reader.forType(payloadType).readValue(payload);
            if (value == null) {
                throw new UndecodableEvent("The payload of " + type + " is null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new UndecodableEvent("The payload of " + type + " does not parse as "
                    + payloadType.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
