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

/** The mail_queue table: which user is owed which mail. No address, no link: both are made at sending. */
@ApplicationScoped
class MailQueueRepository {

    record Job(long id, UUID userId, LinkPurpose kind, int attempts) {
    }

    private final AgroalDataSource dataSource;

    MailQueueRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(UUID userId, LinkPurpose kind, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mail_queue (user_id, kind, created_at, next_attempt_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, userId.toString());
            ps.setString(2, kind.wireName());
            ps.setLong(3, now.toEpochMilli());
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Mails of this kind queued for the user since {@code since}, oldest first (their times). */
    List<Instant> queuedSince(UUID userId, LinkPurpose kind, Instant since) throws SQLException {
        String sql = "SELECT created_at FROM mail_queue WHERE user_id = ? AND kind = ? AND created_at > ? ORDER BY created_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
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
                SELECT id, user_id, kind, attempts FROM mail_queue
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new Job(rs.getLong(1), UUID.fromString(rs.getString(2)),
                            LinkPurpose.fromWireName(rs.getString(3)), rs.getInt(4)));
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
