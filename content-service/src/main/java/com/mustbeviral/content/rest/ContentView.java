package com.mustbeviral.content.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.mustbeviral.content.Content;
import com.mustbeviral.content.service.Caller;
import com.mustbeviral.content.service.Draft;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A piece of content as answered. Its author and staff see everything; other readers see neither
 * the ethics verdict nor the AI provenance (the prompt is the author's), only that it is AI-generated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentView(String id, String workspaceId, String authorId, String type, String format, String visibility,
        String status, String title, String body, String slug, String seoTitle, String seoDescription, String canonicalUrl,
        String socialImage, Map<String, Object> metadata, List<String> mediaIds, List<String> tags, boolean aiGenerated,
        @JsonRawValue String aiMetadata, Ethics ethics, Instant scheduledAt, Instant publishedAt, Content.Engagement engagement,
        long version, Instant createdAt, Instant updatedAt) {

    /** The check's verdict: status passed | flagged | failed, score, flags and thresholds (JSON as stored). */
    public record Ethics(String status, Double score, @JsonRawValue String flags, @JsonRawValue String thresholds) {
    }

    static ContentView of(Content c, Caller caller) {
        boolean full = caller != null && (caller.privileged() || c.authorId().equals(caller.id()));
        Draft d = c.draft();
        return new ContentView(c.id(), c.workspaceId(), c.authorId(), d.type(), d.format(), d.visibility(), c.status(),
                d.title(), d.body(), d.slug(), d.seoTitle(), d.seoDescription(), d.canonicalUrl(), d.socialImage(),
                d.metadata(), d.mediaIds(), d.tags(), c.aiGenerated(), full ? c.aiMetadata() : null,
                full ? new Ethics(c.ethicsStatus(), c.ethicsScore(), c.ethicsFlags(), c.ethicsThresholds()) : null,
                instant(c.scheduledAt()), instant(c.publishedAt()), c.engagement(), c.version(),
                Instant.ofEpochMilli(c.createdAt()), Instant.ofEpochMilli(c.updatedAt()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
