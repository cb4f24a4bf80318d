package com.mustbeviral.content.service;

import java.util.List;
import java.util.Map;

/**
 * The editable state of a piece of content, already validated (the REST layer's Bean Validation):
 * what a create, a replace or a merge patch results in, and what a revision snapshot holds.
 */
public record Draft(String type, String format, String visibility, String title, String body, String slug,
        String seoTitle, String seoDescription, String canonicalUrl, String socialImage, Map<String, Object> metadata,
        List<String> mediaIds, List<String> tags) {

    public Draft {
        metadata = metadata == null ? Map.of() : metadata;
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The same draft with another slug. */
    public Draft withSlug(String next) {
        return new Draft(type, format, visibility, title, body, next, seoTitle, seoDescription, canonicalUrl, socialImage,
                metadata, mediaIds, tags);
    }
}
