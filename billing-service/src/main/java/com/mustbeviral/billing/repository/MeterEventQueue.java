package com.mustbeviral.billing.repository;

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
import java.util.UUID;

/**
 * {@code stripe_meter_events}: booked usage waiting to reach Stripe as meter events, written in the
 * booking's transaction and deleted once Stripe has it.
 */
@ApplicationScoped
public class MeterEventQueue {

    /** A usage event to report: its id (the meter event's identifier), whose, which meter, how much, when. */
    public record Entry(String eventId, UUID userId, String eventName, long value, Instant occurredAt) {
    }

    /** A meter event due to be sent, with the customer it is reported for. */
    public record Pending(String eventId, String customerId, String eventName, long value, Instant occurredAt,
            int attempts) {
    }

    private final AgroalDataSource dataSource;

    MeterEventQueue(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues the entries of users who are Stripe customers, in the caller's transaction (one batch of
     * statements). A user without a customer has nothing in Stripe to bill; an entry queued before
     * (a replay) stays as it is.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void add(List<Entry> entries, Instant now) throws SQLException {
        String sql = """
                INSERT INTO stripe_meter_events (event_id, customer_id, event_name, value, occurred_at,
                                                 next_attempt_at, created_at)
                SELECT ?, customer_id, ?, ?, ?, ?, ? FROM stripe_customers WHERE user_id = ?
                ON CONFLICT (event_id) DO NOTHING""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Entry entry : entries) {
                ps.setString(1, entry.eventId());
                ps.setString(2, entry.eventName());
                ps.setLong(3, entry.value());
                ps.setLong(4, entry.occurredAt().toEpochMilli());
                ps.setLong(5, now.toEpochMilli());
                ps.setLong(6, now.toEpochMilli());
                ps.setString(7, entry.userId().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Up to {@code limit} meter events due at {@code now}, the longest waiting first. */
    public List<Pending> due(Instant now, int limit) throws SQLException {
        String sql = """
                SELECT event_id, customer_id, event_name, value, occurred_at, attempts FROM stripe_meter_events
                WHERE refused_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?""";
        List<Pending> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6)));
                }
            }
        }
        return due;
    }

    /** What became of a sent meter event. */
    public sealed interface Outcome {
        String eventId();
    }

    /** Stripe has it: off the queue. */
    public record Delivered(String eventId) implements Outcome {
    }

    /** Try again at {@code retryAt}. */
    public record Failed(String eventId, String error, Instant retryAt) implements Outcome {
    }

    /** Stripe refused it for good: kept, never resent. */
    public record Refused(String eventId, String error) implements Outcome {
    }

    /** Records a round's outcomes in one transaction. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public void settle(List<Outcome> outcomes, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delivered = c.prepareStatement("DELETE FROM stripe_meter_events WHERE event_id = ?");
                PreparedStatement failed = c.prepareStatement("""
                        UPDATE stripe_meter_events SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                        WHERE event_id = ?""");
                PreparedStatement refused = c.prepareStatement("""
                        UPDATE stripe_meter_events SET attempts = attempts + 1, refused_at = ?, last_error = ?
                        WHERE event_id = ?""")) {
            for (Outcome outcome : outcomes) {
                switch (outcome) {
                    case Delivered d -> {
                        delivered.setString(1, d.eventId());
                        delivered.addBatch();
                    }
                    case Failed f -> {
                        failed.setLong(1, f.retryAt().toEpochMilli());
                        failed.setString(2, f.error());
                        failed.setString(3, f.eventId());
                        failed.addBatch();
                    }
                    case Refused r -> {
                        refused.setLong(1, now.toEpochMilli());
                        refused.setString(2, r.error());
                        refused.setString(3, r.eventId());
                        refused.addBatch();
                    }
                }
            }
            delivered.executeBatch();
            failed.executeBatch();
            refused.executeBatch();
        }
    }
}
