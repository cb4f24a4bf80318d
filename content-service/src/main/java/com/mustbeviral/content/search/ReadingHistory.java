package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code reading_history}: which pieces each signed-in reader engaged with, from analytics'
 * {@code reader.engaged}. Recommendations start from the latest of them and leave all of them out.
 */
@ApplicationScoped
public class ReadingHistory {

    /** Event types as analytics names them; the bit of each is 1 shifted by its index, any other 1 << 9. */
    static final List<String> KINDS = List.of("view", "click", "share", "like", "comment", "conversion", "signup",
            "purchase", "custom");

    private final AgroalDataSource dataSource;

    ReadingHistory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Notes that the reader engaged with the piece. Idempotent by construction (the kinds OR-ed, the
     * earliest and latest times kept): a redelivered or reordered event leaves the same row.
     */
    @Transactional(rollbackOn = Exception.class)
    public void record(String userId, String contentId, String eventType, Instant at) throws SQLException {
        int index = KINDS.indexOf(eventType);
        int kind = 1 << (index < 0 ? KINDS.size() : index);
        String sql = """
                INSERT INTO reading_history (user_id, content_id, kinds, first_at, last_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id, content_id) DO UPDATE SET kinds = kinds | excluded.kinds,
                    first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            ps.setString(2, contentId);
            ps.setInt(3, kind);
            ps.setLong(4, at.toEpochMilli());
            ps.setLong(5, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** The pieces the reader engaged with most recently, newest first. */
    List<String> latest(String userId, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT content_id FROM reading_history WHERE user_id = ? ORDER BY last_at DESC LIMIT ?")) {
            ps.setString(1, userId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Which of {@code contentIds} the reader has engaged with. */
    Set<String> seen(String userId, Collection<String> contentIds) throws SQLException {
        Set<String> seen = new HashSet<>();
        if (contentIds.isEmpty()) {
            return seen;
        }
        String sql = "SELECT content_id FROM reading_history WHERE user_id = ? AND content_id IN ("
                + "?,".repeat(contentIds.size() - 1) + "?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            int i = 2;
            for (String id : contentIds) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
            }
        }
        return seen;
    }

    /** Removes the reader's history (a deleted account), in the caller's transaction. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void forget(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM reading_history WHERE user_id = ?")) {
            ps.setString(1, userId);
            ps.executeUpdate();
        }
    }
}
