package com.mustbeviral.content;

import com.mustbeviral.content.service.Draft;

/**
 * A row of {@code content}: the editable state ({@link Draft}), its status and schedule, the AI
 * provenance, the ethics verdict, denormalized engagement counts, and its version (the ETag).
 * JSON columns are kept as text here; times are epoch milliseconds.
 */
public record Content(String id, String workspaceId, String authorId, Draft draft, String status, boolean aiGenerated,
        String aiMetadata, String ethicsStatus, Double ethicsScore, String ethicsFlags, String ethicsThresholds,
        String approvedDigest, Long flaggedVersion, Long scheduledAt, Long publishedAt, Engagement engagement,
        long version, long createdAt, long updatedAt, Long deletedAt) {

    /** Denormalized engagement, fed by analytics. */
    public record Engagement(long views, long likes, long shares, long comments) {
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Whether the piece counts in its tags' usage: published and not deleted. */
    public boolean countsForTags() {
        return "published".equals(status) && deletedAt == null;
    }

    public Content withDraft(Draft next) {
        return new Content(id, workspaceId, authorId, next, status, aiGenerated, aiMetadata, ethicsStatus, ethicsScore,
                ethicsFlags, ethicsThresholds, approvedDigest, flaggedVersion, scheduledAt, publishedAt, engagement,
                version, createdAt, updatedAt, deletedAt);
    }

    public Content withEthics(String status, Double score, String flags, String thresholds) {
        return new Content(id, workspaceId, authorId, draft, this.status, aiGenerated, aiMetadata, status, score, flags,
                thresholds, approvedDigest, flaggedVersion, scheduledAt, publishedAt, engagement, version, createdAt,
                updatedAt, deletedAt);
    }

    public Content withStatus(String next, Long flagged) {
        return new Content(id, workspaceId, authorId, draft, next, aiGenerated, aiMetadata, ethicsStatus, ethicsScore,
                ethicsFlags, ethicsThresholds, approvedDigest, flagged, scheduledAt, publishedAt, engagement, version,
                createdAt, updatedAt, deletedAt);
    }

    public Content withApprovedDigest(String digest) {
        return new Content(id, workspaceId, authorId, draft, status, aiGenerated, aiMetadata, ethicsStatus, ethicsScore,
                ethicsFlags, ethicsThresholds, digest, flaggedVersion, scheduledAt, publishedAt, engagement, version,
                createdAt, updatedAt, deletedAt);
    }

    public Content withSchedule(Long scheduled, Long published) {
        return new Content(id, workspaceId, authorId, draft, status, aiGenerated, aiMetadata, ethicsStatus, ethicsScore,
                ethicsFlags, ethicsThresholds, approvedDigest, flaggedVersion, scheduled, published, engagement, version,
                createdAt, updatedAt, deletedAt);
    }

    /** The next version, saved at {@code now} (the version the compare-and-set writes). */
    public Content next(long now, Long deleted) {
        return new Content(id, workspaceId, authorId, draft, status, aiGenerated, aiMetadata, ethicsStatus, ethicsScore,
                ethicsFlags, ethicsThresholds, approvedDigest, flaggedVersion, scheduledAt, publishedAt, engagement,
                version + 1, createdAt, now, deleted);
    }
}
