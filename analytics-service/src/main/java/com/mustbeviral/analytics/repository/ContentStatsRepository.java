package com.mustbeviral.analytics.repository;

import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The content_stats table: a row per content that content.events said is published, its author, its
 * all-time totals, and what analytics.engagement was last told. {@code updated_at} moves with every
 * change of its numbers: the dashboards' cache keys carry it.
 */
@ApplicationScoped
public class ContentStatsRepository {

    /** A tracked content: its author and the time its numbers last changed. */
    public record Tracked(UUID contentId, String authorId, long updatedAt, Long archivedAt) {
    }

    /** What changed since analytics.engagement was last told about a content. */
    public record Unsent(String contentId, long views, long likes, long shares, long comments, long sentViews,
            long sentLikes, long sentShares, long sentComments, long since) {
    }

    private final AgroalDataSource dataSource;

    ContentStatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void published(String contentId, String authorId, String visibility, long publishedAt, long now)
            throws SQLException {
        String sql = """
                INSERT INTO content_stats (content_id, author_id, visibility, published_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (content_id) DO UPDATE SET author_id = excluded.author_id, visibility = excluded.visibility,
                    published_at = excluded.published_at, archived_at = NULL, updated_at = excluded.updated_at""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, contentId);
            ps.setString(2, authorId);
            ps.setString(3, visibility);
            ps.setLong(4, publishedAt);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }

    public void archived(String contentId, long at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE content_stats SET archived_at = ?, updated_at = ? WHERE content_id = ?")) {
            ps.setLong(1, at);
            ps.setLong(2, at);
            ps.setString(3, contentId);
            ps.executeUpdate();
        }
    }

    /** Which of {@code ids} are published and not archived. */
    public Set<UUID> live(Collection<UUID> ids) throws SQLException {
        Set<UUID> live = new HashSet<>();
        if (ids.isEmpty()) {
            return live;
        }
        String sql = "SELECT content_id FROM content_stats WHERE archived_at IS NULL AND author_id IS NOT NULL"
                + " AND content_id IN (" + "?,".repeat(ids.size() - 1) + "?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (UUID id : ids) {
                ps.setString(i++, id.toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    live.add(UUID.fromString(rs.getString(1)));
                }
            }
        }
        return live;
    }

    /** Every dashboard's first read: its statement prepared once per connection ({@link StatementCache}). */
    public Tracked find(String contentId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(c,
                    "SELECT author_id, updated_at, archived_at FROM content_stats WHERE content_id = ? AND author_id IS NOT NULL");
            ps.setString(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long archived = rs.getLong(3);
                return new Tracked(UUID.fromString(contentId), rs.getString(1), rs.getLong(2),
                        rs.wasNull() ? null : archived);
            }
        }
    }

    /** The latest change of any of the author's numbers (0 when they have none): the overview's cache version. */
    public long authorVersion(String authorId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(updated_at), 0) FROM content_stats WHERE author_id = ?")) {
            ps.setString(1, authorId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Adds (or, with {@code sign} -1, takes out) each content's counters to its totals: one upsert per content. */
    public void addTotals(Map<String, Counters> perContent, int sign, long now) throws SQLException {
        StringBuilder set = new StringBuilder();
        for (String column : Counters.COLUMNS.split(", ")) {
            set.append(column).append(" = ").append(column).append(" + excluded.").append(column).append(", ");
        }
        // A content is tracked before its events are accepted; the row is there but for a race with a reset.
        String sql = "INSERT INTO content_stats (" + Counters.COLUMNS + ", updated_at, content_id) VALUES ("
                + "?, ".repeat(Counters.COLUMNS.split(", ").length + 1) + "?) ON CONFLICT (content_id) DO UPDATE SET "
                + set + "updated_at = excluded.updated_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            List<Map.Entry<String, Counters>> ordered = new ArrayList<>(perContent.entrySet());
            ordered.sort(Map.Entry.comparingByKey()); // key order: neighbouring upserts share B-tree pages
            for (Map.Entry<String, Counters> e : ordered) {
                e.getValue().bind(ps, 1, sign);
                ps.setLong(10, now);
                ps.setString(11, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Up to {@code limit} contents whose engagement moved since analytics.engagement was last told. */
    public List<Unsent> unsent(int limit) throws SQLException {
        String sql = """
                SELECT content_id, views, likes, shares, comments, sent_views, sent_likes, sent_shares, sent_comments,
                       coalesce(sent_at, published_at, updated_at)
                FROM content_stats INDEXED BY idx_content_stats_unsent
                WHERE views != sent_views OR likes != sent_likes OR shares != sent_shares OR comments != sent_comments
                LIMIT ?""";
        List<Unsent> unsent = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unsent.add(new Unsent(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                }
            }
        }
        return unsent;
    }

    public void markSent(Unsent unsent, long at) throws SQLException {
        String sql = """
                UPDATE content_stats SET sent_views = ?, sent_likes = ?, sent_shares = ?, sent_comments = ?, sent_at = ?
                WHERE content_id = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unsent.views());
            ps.setLong(2, unsent.likes());
            ps.setLong(3, unsent.shares());
            ps.setLong(4, unsent.comments());
            ps.setLong(5, at);
            ps.setString(6, unsent.contentId());
            ps.executeUpdate();
        }
    }
}
