package com.mustbeviral.analytics.repository;

import com.mustbeviral.contracts.analytics.EngagementRecorded;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.UUID;

/** The raw_events table: each accepted event once, by the client's event id. */
@ApplicationScoped
public class RawEventRepository {

    private static final String COLUMNS = "id, event_type, content_id, user_id, visitor, source, medium, campaign, "
            + "referrer, device, browser, os, country, event_value, occurred_at, received_at";

    private final AgroalDataSource dataSource;

    RawEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the events; for each, whether it was new (false: stored before, by an earlier delivery). */
    public boolean[] insertNew(List<EngagementRecorded> events) throws SQLException {
        String sql = "INSERT INTO raw_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (EngagementRecorded e : events) {
                ps.setString(1, e.id().toString());
                ps.setString(2, e.eventType());
                ps.setString(3, e.contentId().toString());
                ps.setString(4, e.userId() == null ? null : e.userId().toString());
                ps.setString(5, e.visitor());
                ps.setString(6, e.source());
                ps.setString(7, e.medium());
                ps.setString(8, e.campaign());
                ps.setString(9, e.referrer());
                ps.setString(10, e.device());
                ps.setString(11, e.browser());
                ps.setString(12, e.os());
                ps.setString(13, e.country());
                ps.setString(14, e.eventValue());
                ps.setLong(15, e.occurredAt().toEpochMilli());
                ps.setLong(16, e.receivedAt().toEpochMilli());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            boolean[] inserted = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                inserted[i] = counts[i] > 0;
            }
            return inserted;
        }
    }

    /** Which of {@code ids} are stored already. */
    public Set<UUID> existing(Collection<UUID> ids) throws SQLException {
        Set<UUID> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        String sql = "SELECT id FROM raw_events WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (UUID id : ids) {
                ps.setString(i++, id.toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(UUID.fromString(rs.getString(1)));
                }
            }
        }
        return found;
    }

    public List<EngagementRecorded> ofUser(String userId) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM raw_events WHERE user_id = ?", userId);
    }

    /** The events that occurred in [{@code from}, {@code to}). */
    public List<EngagementRecorded> between(long from, long to) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM raw_events WHERE occurred_at >= ? AND occurred_at < ?", from, to);
    }

    public int deleteOfUser(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM raw_events WHERE user_id = ?")) {
            ps.setString(1, userId);
            return ps.executeUpdate();
        }
    }

    /** Deletes up to {@code limit} events that occurred before {@code cutoff}; returns how many. */
    public int purgeBefore(long cutoff, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM raw_events WHERE id IN (SELECT id FROM raw_events WHERE occurred_at < ? LIMIT ?)")) {
            ps.setLong(1, cutoff);
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM raw_events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<EngagementRecorded> select(String sql, Object... params) throws SQLException {
        List<EngagementRecorded> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String user = rs.getString(4);
                    events.add(new EngagementRecorded(UUID.fromString(rs.getString(1)), rs.getString(2),
                            UUID.fromString(rs.getString(3)), user == null ? null : UUID.fromString(user),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                            Instant.ofEpochMilli(rs.getLong(15)), Instant.ofEpochMilli(rs.getLong(16))));
                }
            }
        }
        return events;
    }
}
