package com.mustbeviral.content.search;

/** A piece in a ranking: its id, the ranking's score (higher is better) and, once on a page of keyword or hybrid results, a snippet. */
public record ScoredId(String id, double score, String snippet) {
}
