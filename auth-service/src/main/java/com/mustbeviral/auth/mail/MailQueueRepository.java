package com.mustbeviral.auth.mail;

import com.mustbeviral.auth.account.LinkPurpose;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The mail_queue table: which user (or which address, by its blind index) is owed which mail. No
 * address, no link: both are made at sending.
 */
@ApplicationScoped
class MailQueueRepository {

    /** A mail owed; {@code userId} is null for a request that named only an address ({@code emailIndex}). */
    record Job(long id, UUID userId, String emailIndex, LinkPurpose kind, int attempts) {
    }

    private final AgroalDataSource dataSource;

    MailQueueRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(UUID userId, String emailIndex, LinkPurpose kind, Instant now) throws SQLException {
        String sql = "INSERT INTO mail_queue (user_id, email_index, kind, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId == null ? null : userId.toString());
            ps.setString(2, emailIndex);
            ps.setString(3, kind.wireName());
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Forgets mail done (sent, given up or dropped) before {@code before}; returns how many. */
    int purgeDone(Instant before) throws SQLException {
        String sql = "DELETE FROM mail_queue WHERE created_at < ? AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /** Mails of this kind queued for the user since {@code since}, oldest first (their times). */
    List<Instant> queuedSince(UUID userId, LinkPurpose kind, Instant since) throws SQLException {
        return queuedSince("user_id", userId.toString(), kind, since);
    }

    /** Mails of this kind asked for this address (by blind index) since {@code since}, oldest first. */
    List<Instant> queuedSince(String emailIndex, LinkPurpose kind, Instant since) throws SQLException {
        return queuedSince("email_index", emailIndex, kind, since);
    }

    private List<Instant> queuedSince(String column, String value, LinkPurpose kind, Instant since) throws SQLException {
        String sql = "SELECT created_at FROM mail_queue WHERE " + column + " = ? AND kind = ? AND created_at > ? ORDER BY created_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setString(2, kind.wireName());
            ps.setLong(3, since.toEpochMilli());
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(Instant.ofEpochMilli(rs.getLong(1)));
                }
            }
            return times;
        }
    }

    List<Job> due(Instant now, int limit) throws SQLException {
        String sql = """
                SELECT id, user_id, email_index, kind, attempts FROM mail_queue
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String userId = rs.getString(2);
                    jobs.add(new Job(rs.getLong(1), userId == null ? null : UUID.fromString(userId), rs.getString(3),
                            LinkPurpose.fromWireName(rs.getString(4)), rs.getInt(5)));
                }
            }
            return jobs;
        }
    }

    void markSent(long id, Instant now) throws SQLException {
        update("UPDATE mail_queue SET sent_at = ?, attempts = attempts + 1 WHERE id = ?", now.toEpochMilli(), id);
    }

    void markFailed(long id, Instant now) throws SQLException {
        update("UPDATE mail_queue SET failed_at = ?, attempts = attempts + 1 WHERE id = ?", now.toEpochMilli(), id);
    }

    void retryAt(long id, Instant next) throws SQLException {
        update("UPDATE mail_queue SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?", next.toEpochMilli(), id);
    }

    private void update(String sql, long time, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, time);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }
}
