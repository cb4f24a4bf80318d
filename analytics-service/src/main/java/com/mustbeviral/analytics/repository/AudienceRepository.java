package com.mustbeviral.analytics.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What analytics knows of people: who withdrew the analytics consent (analytics_opt_outs), who was
 * erased (erased_users), and how many bot events were dropped per day (bot_events).
 */
@ApplicationScoped
public class AudienceRepository {

    private final AgroalDataSource dataSource;

    AudienceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void optOut(String userId, long at) throws SQLException {
        update("INSERT INTO analytics_opt_outs (user_id, changed_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                userId, at);
    }

    public void optIn(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM analytics_opt_outs WHERE user_id = ?")) {
            ps.setString(1, userId);
            ps.executeUpdate();
        }
    }

    /** Whether {@code userId} may be counted as themselves: neither opted out nor erased. */
    public boolean countable(String userId) throws SQLException {
        String sql = """
                SELECT EXISTS (SELECT 1 FROM analytics_opt_outs WHERE user_id = ?)
                    OR EXISTS (SELECT 1 FROM erased_users WHERE user_id = ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !rs.getBoolean(1);
            }
        }
    }

    /** Marks {@code userId} erased; false when it was already. */
    public boolean erase(String userId, long at) throws SQLException {
        return update("INSERT INTO erased_users (user_id, erased_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                userId, at) == 1;
    }

    public boolean erased(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM erased_users WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Which of {@code userIds} were erased: one query for a polled batch's users. */
    public Set<String> erasedAmong(Collection<String> userIds) throws SQLException {
        Set<String> erased = new HashSet<>();
        if (userIds.isEmpty()) {
            return erased;
        }
        String sql = "SELECT user_id FROM erased_users WHERE user_id IN (" + "?,".repeat(userIds.size() - 1) + "?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String userId : userIds) {
                ps.setString(i++, userId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    erased.add(rs.getString(1));
                }
            }
        }
        return erased;
    }

    public void countBots(long day, int events) throws SQLException {
        update("INSERT INTO bot_events (day, count) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET count = count + excluded.count",
                day, events);
    }

    public long botsOn(long day) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count FROM bot_events WHERE day = ?")) {
            ps.setLong(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private int update(String sql, Object key, long value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            ps.setLong(2, value);
            return ps.executeUpdate();
        }
    }
}
