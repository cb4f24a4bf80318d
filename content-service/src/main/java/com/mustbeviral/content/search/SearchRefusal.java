package com.mustbeviral.content.search;

/** Why a search is refused (problem types in rest/ContentProblems). */
public enum SearchRefusal {
    /** Empty, blank, over-long, or without one searchable word. */
    INVALID_QUERY,
    /** Not keyword, semantic or hybrid. */
    UNKNOWN_MODE,
    /** A filter that cannot hold (a date range that ends before it starts). */
    INVALID_FILTER
}
