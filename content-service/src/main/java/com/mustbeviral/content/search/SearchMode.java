package com.mustbeviral.content.search;

import com.mustbeviral.platform.problem.Refusal;
import java.util.Locale;

/** How a query is matched: words (FTS5, bm25), meaning (embeddings), or both fused (the default). */
public enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID;

    public static SearchMode of(String text) {
        if (text == null || text.isBlank()) {
            return HYBRID;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal(SearchRefusal.UNKNOWN_MODE, "mode is one of keyword, semantic, hybrid.").with("mode", text);
        }
    }
}
