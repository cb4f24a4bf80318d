package com.mustbeviral.platform.outbox;

import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code outbox} table (migration in {@code db/platform}). */
@ApplicationScoped
public class OutboxRepository {

    private final AgroalDataSource dataSource;

    OutboxRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(PendingEvent event) throws SQLException {
        String sql = """
                INSERT INTO outbox (event_id, topic, event_type, subject, payload, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?)""";
        // On the writer's turn of every change that publishes: prepared once per connection.
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(c, sql);
            ps.setString(1, event.eventId());
            ps.setString(2, event.topic());
            ps.setString(3, event.type());
            ps.setString(4, event.subject());
            ps.setString(5, event.payload());
            ps.setLong(6, event.occurredAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** The oldest unsent events, in commit order. */
    List<PendingEvent> unsent(int limit) throws SQLException {
        String sql = """
                SELECT position, event_id, topic, event_type, subject, payload, occurred_at
                FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<PendingEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
                }
                return events;
            }
        }
    }

    /** How many events wait to be published. */
    long unsentCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the oldest unsent event occurred, if any waits. */
    Optional<Instant> oldestUnsent() throws SQLException {
        String sql = "SELECT occurred_at FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
        }
    }

    /** Marks a published batch sent, in one transaction of its own (one sync, and it takes its turn). */
    @Transactional(rollbackOn = Exception.class)
    void markSent(List<Long> positions, Instant at) throws SQLException {
        String sql = "UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE position = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (long position : positions) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, position);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records a failed publication, in a transaction of its own so that it takes its turn. */
    @Transactional(rollbackOn = Exception.class)
    void markFailed(long position, String error) throws SQLException {
        String sql = "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE position = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, error == null ? "unknown" : error.substring(0, Math.min(error.length(), 1000)));
            ps.setLong(2, position);
            ps.executeUpdate();
        }
    }
}
