package com.mustbeviral.content.usage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** {@code usage_counters} and {@code usage_reservations}: always changed together, in the caller's transaction. */
@ApplicationScoped
class UsageCounters {

    private final AgroalDataSource dataSource;

    UsageCounters(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes one unit if the limit leaves one: a compare-and-set in a single UPDATE, so that no two
     * requests can take the last unit (SQLite runs one writer at a time; PostgreSQL locks the row).
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    boolean tryReserve(UUID userId, Feature feature, Instant periodStart, long limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO usage_counters (user_id, feature, period_start, used, reserved) VALUES (?, ?, ?, 0, 0)
                    ON CONFLICT (user_id, feature, period_start) DO NOTHING""")) {
                bindCounter(ps, userId, feature, periodStart, 1);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE usage_counters SET reserved = reserved + 1
                    WHERE user_id = ? AND feature = ? AND period_start = ? AND used + reserved < ?""")) {
                bindCounter(ps, userId, feature, periodStart, 1);
                ps.setLong(4, limit);
                return ps.executeUpdate() == 1;
            }
        }
    }

    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    void insertReservation(Reservation reservation, Instant now) throws SQLException {
        String sql = """
                INSERT INTO usage_reservations (id, user_id, feature, period_start, period_end, state, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, 'reserved', ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, reservation.id().toString());
            ps.setString(2, reservation.userId().toString());
            ps.setString(3, reservation.feature().wireName());
            ps.setLong(4, reservation.periodStart().toEpochMilli());
            ps.setLong(5, reservation.periodEnd().toEpochMilli());
            ps.setLong(6, now.toEpochMilli());
            ps.setLong(7, reservation.expiresAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Gives back the units of reservations held past their expiry; returns how many. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    int expireStale(UUID userId, Feature feature, Instant periodStart, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int expired;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE usage_reservations SET state = 'expired', settled_at = ?
                    WHERE user_id = ? AND feature = ? AND period_start = ? AND state = 'reserved' AND expires_at <= ?""")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, userId.toString());
                ps.setString(3, feature.wireName());
                ps.setLong(4, periodStart.toEpochMilli());
                ps.setLong(5, now.toEpochMilli());
                expired = ps.executeUpdate();
            }
            if (expired > 0) {
                adjust(c, userId, feature, periodStart, 0, -expired);
            }
            return expired;
        }
    }

    /**
     * Gives back the units of every reservation held past its expiry, whoever holds it: the counters
     * first (by the reservations about to expire), then the reservations, with one {@code now}, in the
     * caller's transaction. Returns how many expired.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    int expireAllStale(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE usage_counters SET reserved = reserved - (
                        SELECT COUNT(*) FROM usage_reservations r
                        WHERE r.user_id = usage_counters.user_id AND r.feature = usage_counters.feature
                          AND r.period_start = usage_counters.period_start AND r.state = 'reserved' AND r.expires_at <= ?)
                    WHERE EXISTS (
                        SELECT 1 FROM usage_reservations r
                        WHERE r.user_id = usage_counters.user_id AND r.feature = usage_counters.feature
                          AND r.period_start = usage_counters.period_start AND r.state = 'reserved' AND r.expires_at <= ?)""")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE usage_reservations SET state = 'expired', settled_at = ?
                    WHERE state = 'reserved' AND expires_at <= ?""")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                return ps.executeUpdate();
            }
        }
    }

    /** Removes the user's counters and reservations (a deleted account), in the caller's transaction. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    void forget(UUID userId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // Reservations first: they refer to their counter.
            for (String table : new String[] { "usage_reservations", "usage_counters" }) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                    ps.setString(1, userId.toString());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** The reservation's state ({@code reserved}, {@code committed}, {@code released}, {@code expired}), if it exists. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    Optional<String> stateOf(UUID reservationId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state FROM usage_reservations WHERE id = ?")) {
            ps.setString(1, reservationId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Moves a reservation from {@code from} to {@code to} and the counts with it: a held unit stops being
     * reserved; a committed one is used. False when the reservation was not in {@code from}.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    boolean settle(Reservation reservation, String from, String to, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE usage_reservations SET state = ?, settled_at = ? WHERE id = ? AND state = ?")) {
                ps.setString(1, to);
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, reservation.id().toString());
                ps.setString(4, from);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            long reservedDelta = "reserved".equals(from) ? -1 : 0;
            long usedDelta = "committed".equals(to) ? 1 : 0;
            adjust(c, reservation.userId(), reservation.feature(), reservation.periodStart(), usedDelta, reservedDelta);
            return true;
        }
    }

    /** How much of the feature the user used and holds in the period: {used, reserved}. */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    long[] counts(UUID userId, Feature feature, Instant periodStart) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT used, reserved FROM usage_counters WHERE user_id = ? AND feature = ? AND period_start = ?")) {
            bindCounter(ps, userId, feature, periodStart, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : new long[] { 0, 0 };
            }
        }
    }

    private static void adjust(Connection c, UUID userId, Feature feature, Instant periodStart, long usedDelta,
            long reservedDelta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE usage_counters SET used = used + ?, reserved = reserved + ?
                WHERE user_id = ? AND feature = ? AND period_start = ?""")) {
            ps.setLong(1, usedDelta);
            ps.setLong(2, reservedDelta);
            bindCounter(ps, userId, feature, periodStart, 3);
            ps.executeUpdate();
        }
    }

    private static void bindCounter(PreparedStatement ps, UUID userId, Feature feature, Instant periodStart, int first)
            throws SQLException {
        ps.setString(first, userId.toString());
        ps.setString(first + 1, feature.wireName());
        ps.setLong(first + 2, periodStart.toEpochMilli());
    }
}
