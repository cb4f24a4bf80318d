package com.mustbeviral.content.search;

/** A piece in a ranking: its id, the ranking's score (higher is better) and, from the keyword index, a snippet. */
public record ScoredId(String id, double score, String snippet) {
}
