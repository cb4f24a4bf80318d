package com.mustbeviral.content;

/** A tag and how many pieces of content carry it. */
public record Tag(String id, String name, String slug, long usageCount) {
}
