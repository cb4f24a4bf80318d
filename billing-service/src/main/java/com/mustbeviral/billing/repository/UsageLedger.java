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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code usage_counters}: the usage ledger, one counter per user, feature and period. */
@ApplicationScoped
public class UsageLedger {

    private final AgroalDataSource dataSource;

    UsageLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One counter of the ledger: a user's units of a feature in a period. */
    public record Counter(UUID userId, Feature feature, Period period) {
    }

    /** A counter after units were added: its total, and whether its limit had been marked reached. */
    public record Total(long used, boolean limitMarked) {
    }

    /** Counters per upsert in {@link #addAll}: 6 parameters each, far below SQLite's 32,766. */
    static final int COUNTERS_PER_STATEMENT = 200;

    /**
     * Adds each counter's units in the caller's transaction, a few multi-row upserts for the lot;
     * each counter's total after it. The counters must differ in user, feature or period start (the
     * row's key), so that no row is hit twice in one statement and each total maps back to one counter.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public Map<Counter, Total> addAll(Map<Counter, Long> quantities, Instant now) throws SQLException {
        List<Map.Entry<Counter, Long>> rows = new ArrayList<>(quantities.entrySet());
        Map<String, Counter> byKey = new HashMap<>(rows.size() * 2);
        for (Counter counter : quantities.keySet()) {
            byKey.put(key(counter.userId().toString(), counter.feature().wireName(),
                    counter.period().start().toEpochMilli()), counter);
        }
        Map<Counter, Total> totals = new HashMap<>(rows.size() * 2);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < rows.size(); from += COUNTERS_PER_STATEMENT) {
                List<Map.Entry<Counter, Long>> chunk = rows.subList(from,
                        Math.min(rows.size(), from + COUNTERS_PER_STATEMENT));
                String sql = "INSERT INTO usage_counters (user_id, feature, period_start, period_end, used, updated_at) VALUES "
                        + "(?, ?, ?, ?, ?, ?),".repeat(chunk.size() - 1) + "(?, ?, ?, ?, ?, ?)" + """
                         ON CONFLICT (user_id, feature, period_start)
                        DO UPDATE SET used = used + excluded.used, updated_at = excluded.updated_at
                        RETURNING user_id, feature, period_start, used, limit_reached_at IS NOT NULL""";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int p = 1;
                    for (Map.Entry<Counter, Long> row : chunk) {
                        Counter counter = row.getKey();
                        ps.setString(p++, counter.userId().toString());
                        ps.setString(p++, counter.feature().wireName());
                        ps.setLong(p++, counter.period().start().toEpochMilli());
                        ps.setLong(p++, counter.period().end().toEpochMilli());
                        ps.setLong(p++, row.getValue());
                        ps.setLong(p++, now.toEpochMilli());
                    }
                    // RETURNING comes in no promised order: each row is matched to its counter by key.
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            totals.put(byKey.get(key(rs.getString(1), rs.getString(2), rs.getLong(3))),
                                    new Total(rs.getLong(4), rs.getBoolean(5)));
                        }
                    }
                }
            }
        }
        return totals;
    }

    private static String key(String userId, String feature, long periodStart) {
        return userId + ' ' + feature + ' ' + periodStart;
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
