package com.mustbeviral.content.media;

/** An uploaded file as stored: who owns it, what its bytes are, its checksum and, for images, its size. */
public record MediaAsset(String id, String ownerId, String contentId, String storageKey, String mediaType, String kind,
        long sizeBytes, String sha256, Integer width, Integer height, long createdAt) {
}
