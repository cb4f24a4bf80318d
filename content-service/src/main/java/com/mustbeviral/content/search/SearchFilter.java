package com.mustbeviral.content.search;

import com.mustbeviral.platform.problem.Refusal;
import java.time.Instant;

/**
 * What a search is narrowed to, besides what the caller may see: a content type, a tag (slug), an
 * author, and a half-open range [from, to) of publication time (creation time for unpublished drafts).
 */
public record SearchFilter(String type, String tag, String authorId, Instant from, Instant to) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null);

    public SearchFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new Refusal(SearchRefusal.INVALID_FILTER, "from must be before to.");
        }
    }

    /** A fingerprint of the filter, so that a cursor is only used with the search it came from. */
    String key() {
        return type + "|" + tag + "|" + authorId + "|" + from + "|" + to;
    }
}
