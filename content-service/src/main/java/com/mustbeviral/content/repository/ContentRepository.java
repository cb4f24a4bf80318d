package com.mustbeviral.content.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.Content;
import com.mustbeviral.content.Content.Engagement;
import com.mustbeviral.content.service.Draft;
import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The content table. Every write of an existing row is a compare-and-set on its version or status. */
@ApplicationScoped
public class ContentRepository {

    static final String COLUMNS = "id, workspace_id, author_id, type, format, visibility, title, body, slug, seo_title, "
            + "seo_description, canonical_url, social_image, metadata, media_ids, status, ai_generated, ai_metadata, "
            + "ethics_status, ethics_score, ethics_flags, ethics_thresholds, approved_digest, flagged_version, scheduled_at, "
            + "published_at, view_count, like_count, share_count, comment_count, version, created_at, updated_at, deleted_at";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Event<ContentChanged> changed;

    ContentRepository(AgroalDataSource dataSource, ObjectMapper json, Event<ContentChanged> changed) {
        this.dataSource = dataSource;
        this.json = json;
        this.changed = changed;
    }

    public void insert(Content c) throws SQLException {
        String sql = "INSERT INTO content (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, ?)";
        try (Connection conn = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(conn, sql);
            ps.setString(1, c.id());
            ps.setString(2, c.workspaceId());
            ps.setString(3, c.authorId());
            int i = bindMutable(ps, 4, c);
            ps.setLong(i++, c.version());
            ps.setLong(i++, c.createdAt());
            ps.setLong(i++, c.updatedAt());
            setLong(ps, i, c.deletedAt());
            ps.executeUpdate();
        }
    }

    /**
     * Writes {@code next} (whose version is one more) over the row only if the row is still at
     * {@code next.version() - 1} and not deleted; false when someone else wrote first.
     */
    public boolean compareAndSet(Content next) throws SQLException {
        String sql = "UPDATE content SET type = ?, format = ?, visibility = ?, title = ?, body = ?, slug = ?, seo_title = ?, "
                + "seo_description = ?, canonical_url = ?, social_image = ?, metadata = ?, media_ids = ?, status = ?, "
                + "ai_generated = ?, ai_metadata = ?, ethics_status = ?, ethics_score = ?, ethics_flags = ?, ethics_thresholds = ?, "
                + "approved_digest = ?, flagged_version = ?, scheduled_at = ?, published_at = ?, version = ?, updated_at = ?, "
                + "deleted_at = ? WHERE id = ? AND version = ? AND deleted_at IS NULL";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = bindMutable(ps, 1, next);
            ps.setLong(i++, next.version());
            ps.setLong(i++, next.updatedAt());
            setLong(ps, i++, next.deletedAt());
            ps.setString(i++, next.id());
            ps.setLong(i, next.version() - 1);
            return changed(ps.executeUpdate() == 1, next.id());
        }
    }

    /**
     * The scheduler's compare-and-set: publishes the row only while it is still scheduled and due,
     * so that of two runs (two instances, or a run after a crash) exactly one wins.
     */
    public boolean publishIfDue(String id, long now) throws SQLException {
        String sql = "UPDATE content SET status = 'published', published_at = ?, updated_at = ?, version = version + 1 "
                + "WHERE id = ? AND status = 'scheduled' AND scheduled_at <= ? AND deleted_at IS NULL";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, id);
            ps.setLong(4, now);
            return changed(ps.executeUpdate() == 1, id);
        }
    }

    /**
     * Every change of an existing row goes through here (inserts are drafts or pending review, never
     * public): cached public pages are dropped after the commit. Engagement counts are not editorial
     * and are left to the cache's time to live.
     */
    private boolean changed(boolean updated, String id) {
        if (updated) {
            changed.fire(new ContentChanged(id));
        }
        return updated;
    }

    public Optional<Content> find(String id) throws SQLException {
        List<Content> rows = query("SELECT " + COLUMNS + " FROM content WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    /** The rows of {@code ids} that exist (deleted ones too), by id: one statement for a page of search hits. */
    public Map<String, Content> findAll(List<String> ids) throws SQLException {
        Map<String, Content> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + COLUMNS + " FROM content WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?)";
        for (Content c : query(sql, ids.toArray())) {
            found.put(c.id(), c);
        }
        return found;
    }

    public Optional<Content> findBySlug(String workspaceId, String slug) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM content WHERE workspace_id = ? AND slug = ? AND deleted_at IS NULL",
                workspaceId, slug).stream().findFirst();
    }

    public boolean slugTaken(String workspaceId, String slug, String exceptId) throws SQLException {
        // One row's existence, not the row: this runs in every create's transaction, on the one writer's turn.
        String sql = "SELECT 1 FROM content WHERE workspace_id = ? AND slug = ? AND deleted_at IS NULL AND id <> ? LIMIT 1";
        try (Connection conn = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(conn, sql);
            ps.setString(1, workspaceId);
            ps.setString(2, slug);
            ps.setString(3, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Published public content, newest first, after the keyset (published_at, id); of one author when given. */
    public List<Content> published(String authorId, long beforePublishedAt, String beforeId, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM content WHERE status = 'published' AND visibility = 'public' "
                + "AND deleted_at IS NULL" + (authorId == null ? "" : " AND author_id = ?")
                + " AND (published_at < ? OR (published_at = ? AND id < ?)) ORDER BY published_at DESC, id DESC LIMIT ?";
        List<Object> args = new ArrayList<>();
        if (authorId != null) {
            args.add(authorId);
        }
        args.addAll(List.of(beforePublishedAt, beforePublishedAt, beforeId, limit));
        return query(sql, args.toArray());
    }

    /** An author's own content (every status, not deleted), newest first, after the keyset (created_at, id). */
    public List<Content> ofAuthor(String authorId, long beforeCreatedAt, String beforeId, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM content WHERE author_id = ? AND deleted_at IS NULL "
                + "AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?",
                authorId, beforeCreatedAt, beforeCreatedAt, beforeId, limit);
    }

    /** The moderation queue: oldest first, after the keyset (updated_at, id). */
    public List<Content> pendingReview(long afterUpdatedAt, String afterId, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM content WHERE status = 'pending_review' AND deleted_at IS NULL "
                + "AND (updated_at > ? OR (updated_at = ? AND id > ?)) ORDER BY updated_at, id LIMIT ?",
                afterUpdatedAt, afterUpdatedAt, afterId, limit);
    }

    /** Ids of scheduled content due at {@code now}, the most overdue first. */
    public List<String> due(long now, int limit) throws SQLException {
        String sql = "SELECT id FROM content WHERE status = 'scheduled' AND scheduled_at <= ? AND deleted_at IS NULL "
                + "ORDER BY scheduled_at LIMIT ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, now);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    private int bindMutable(PreparedStatement ps, int i, Content c) throws SQLException {
        Draft d = c.draft();
        ps.setString(i++, d.type());
        ps.setString(i++, d.format());
        ps.setString(i++, d.visibility());
        ps.setString(i++, d.title());
        ps.setString(i++, d.body());
        ps.setString(i++, d.slug());
        ps.setString(i++, d.seoTitle());
        ps.setString(i++, d.seoDescription());
        ps.setString(i++, d.canonicalUrl());
        ps.setString(i++, d.socialImage());
        ps.setString(i++, write(d.metadata()));
        ps.setString(i++, write(d.mediaIds()));
        ps.setString(i++, c.status());
        ps.setBoolean(i++, c.aiGenerated());
        ps.setString(i++, c.aiMetadata());
        ps.setString(i++, c.ethicsStatus());
        if (c.ethicsScore() == null) {
            ps.setNull(i++, Types.REAL);
        } else {
            ps.setDouble(i++, c.ethicsScore());
        }
        ps.setString(i++, c.ethicsFlags());
        ps.setString(i++, c.ethicsThresholds());
        ps.setString(i++, c.approvedDigest());
        setLong(ps, i++, c.flaggedVersion());
        setLong(ps, i++, c.scheduledAt());
        setLong(ps, i++, c.publishedAt());
        return i;
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private List<Content> query(String sql, Object... args) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Content> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(map(rs));
                }
                return rows;
            }
        }
    }

    private Content map(ResultSet rs) throws SQLException {
        Draft draft = new Draft(rs.getString("type"), rs.getString("format"), rs.getString("visibility"),
                rs.getString("title"), rs.getString("body"), rs.getString("slug"), rs.getString("seo_title"),
                rs.getString("seo_description"), rs.getString("canonical_url"), rs.getString("social_image"),
                read(rs.getString("metadata"), new TypeReference<Map<String, Object>>() { }),
                read(rs.getString("media_ids"), new TypeReference<List<String>>() { }), List.of());
        double score = rs.getDouble("ethics_score");
        Double ethicsScore = rs.wasNull() ? null : score;
        return new Content(rs.getString("id"), rs.getString("workspace_id"), rs.getString("author_id"), draft,
                rs.getString("status"), rs.getBoolean("ai_generated"), rs.getString("ai_metadata"),
                rs.getString("ethics_status"), ethicsScore, rs.getString("ethics_flags"), rs.getString("ethics_thresholds"),
                rs.getString("approved_digest"), nullableLong(rs, "flagged_version"), nullableLong(rs, "scheduled_at"),
                nullableLong(rs, "published_at"), new Engagement(rs.getLong("view_count"), rs.getLong("like_count"),
                        rs.getLong("share_count"), rs.getLong("comment_count")),
                rs.getLong("version"), rs.getLong("created_at"), rs.getLong("updated_at"), nullableLong(rs, "deleted_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
