package com.mustbeviral.billing.repository;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.service.Period;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** {@code usage_counters}: the usage ledger, one counter per user, feature and period. */
@ApplicationScoped
public class UsageLedger {

    private final AgroalDataSource dataSource;

    UsageLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds {@code quantity} units in the caller's transaction; the period's total after it. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public long add(UUID userId, Feature feature, Period period, long quantity, Instant now) throws SQLException {
        String sql = """
                INSERT INTO usage_counters (user_id, feature, period_start, period_end, used, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id, feature, period_start)
                DO UPDATE SET used = used + excluded.used, updated_at = excluded.updated_at
                RETURNING used""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            ps.setString(2, feature.wireName());
            ps.setLong(3, period.start().toEpochMilli());
            ps.setLong(4, period.end().toEpochMilli());
            ps.setLong(5, quantity);
            ps.setLong(6, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Marks the counter's limit as reached; false when it was marked before (so the event goes out once). */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public boolean markLimitReached(UUID userId, Feature feature, Instant periodStart, Instant now)
            throws SQLException {
        String sql = """
                UPDATE usage_counters SET limit_reached_at = ?
                WHERE user_id = ? AND feature = ? AND period_start = ? AND limit_reached_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, userId.toString());
            ps.setString(3, feature.wireName());
            ps.setLong(4, periodStart.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /** What the user used in the period starting at {@code periodStart}, per feature (0 for none). */
    public Map<Feature, Long> used(UUID userId, Instant periodStart) throws SQLException {
        String sql = "SELECT feature, used FROM usage_counters WHERE user_id = ? AND period_start = ?";
        Map<Feature, Long> used = new EnumMap<>(Feature.class);
        for (Feature feature : Feature.values()) {
            used.put(feature, 0L);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            ps.setLong(2, periodStart.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Feature feature = Feature.named(rs.getString(1)).orElseThrow();
                    used.put(feature, rs.getLong(2));
                }
            }
        }
        return used;
    }
}
