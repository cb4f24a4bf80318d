package com.mustbeviral.content.usage;

import com.mustbeviral.contracts.billing.EntitlementsUpdated;
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

/** {@code usage_entitlements}: the newest entitlements billing published per user. */
@ApplicationScoped
class EntitlementsTable {

    private final AgroalDataSource dataSource;

    EntitlementsTable(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A user's entitlements as billing last published them. */
    record Row(String plan, long aiGenerations, long publishes, long apiCalls, Instant periodStart, Instant periodEnd) {

        long limitOf(Feature feature) {
            return feature.limitIn(new EntitlementsUpdated.Limits(aiGenerations, publishes, apiCalls));
        }
    }

    /** Removes what billing said about the user (a deleted account), in the caller's transaction. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    void forget(UUID userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM usage_entitlements WHERE user_id = ?")) {
            ps.setString(1, userId.toString());
            ps.executeUpdate();
        }
    }

    /**
     * Keeps {@code update} unless what is stored is newer: a later period wins, and within one period the
     * later decision ({@code decidedAt}, the event's time). Events may arrive in any order (redelivery,
     * replays, a partition's lag); the outcome is the same.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    void keepNewest(String eventId, EntitlementsUpdated update, Instant decidedAt) throws SQLException {
        String sql = """
                INSERT INTO usage_entitlements (user_id, plan, ai_generations, publishes, api_calls, period_start,
                    period_end, decided_at, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET plan = excluded.plan, ai_generations = excluded.ai_generations,
                    publishes = excluded.publishes, api_calls = excluded.api_calls, period_start = excluded.period_start,
                    period_end = excluded.period_end, decided_at = excluded.decided_at, event_id = excluded.event_id
                WHERE excluded.period_start > usage_entitlements.period_start
                   OR (excluded.period_start = usage_entitlements.period_start
                       AND (excluded.decided_at > usage_entitlements.decided_at
                            OR (excluded.decided_at = usage_entitlements.decided_at
                                AND excluded.event_id > usage_entitlements.event_id)))""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, update.userId().toString());
            ps.setString(2, update.plan());
            ps.setLong(3, update.limits().aiGenerations());
            ps.setLong(4, update.limits().publishes());
            ps.setLong(5, update.limits().apiCalls());
            ps.setLong(6, update.periodStart().toEpochMilli());
            ps.setLong(7, update.periodEnd().toEpochMilli());
            ps.setLong(8, decidedAt.toEpochMilli());
            ps.setString(9, eventId);
            ps.executeUpdate();
        }
    }

    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    Optional<Row> of(UUID userId) throws SQLException {
        String sql = """
                SELECT plan, ai_generations, publishes, api_calls, period_start, period_end
                FROM usage_entitlements WHERE user_id = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
            }
        }
    }
}
