package com.mustbeviral.analytics.repository;

import com.mustbeviral.contracts.analytics.EngagementRecorded;
import io.agroal.api.AgroalDataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The raw_events table: each accepted event once, by the client's event id. */
@ApplicationScoped
public class RawEventRepository {

    private static final String COLUMNS = "id, event_type, content_id, user_id, visitor, source, medium, campaign, "
            + "referrer, device, browser, os, country, event_value, occurred_at, received_at";

    // 16 parameters a row; SQLite takes up to 32,766 in one statement.
    private static final int ROWS_PER_STATEMENT = 1000;
    private static final String ROW = "(" + "?, ".repeat(15) + "?)";

    private static final Comparator<EngagementRecorded> ID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.id().getMostSignificantBits(), b.id().getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.id().getLeastSignificantBits(), b.id().getLeastSignificantBits());
    };

    private final AgroalDataSource dataSource;

    RawEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the events, a few multi-row statements per batch; returns the ids of those that were new
     * (an id stored before, by an earlier delivery, or twice in {@code events}, is returned at most once).
     */
    public Set<UUID> insertNew(List<EngagementRecorded> events) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        // In the id index's order (SQLite compares the 16 bytes unsigned): the random ids' index inserts
        // then move forward through the tree instead of jumping about it.
        List<EngagementRecorded> ordered = new ArrayList<>(events);
        ordered.sort(ID_ORDER);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ordered.size(); from += ROWS_PER_STATEMENT) {
                List<EngagementRecorded> chunk = ordered.subList(from, Math.min(ordered.size(), from + ROWS_PER_STATEMENT));
                String sql = "INSERT INTO raw_events (" + COLUMNS + ") VALUES "
                        + (ROW + ", ").repeat(chunk.size() - 1) + ROW + " ON CONFLICT (id) DO NOTHING RETURNING id";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int p = 1;
                    for (EngagementRecorded e : chunk) {
                        ps.setBytes(p++, bytes(e.id()));
                        ps.setString(p++, e.eventType());
                        ps.setString(p++, e.contentId().toString());
                        ps.setString(p++, e.userId() == null ? null : e.userId().toString());
                        ps.setString(p++, e.visitor());
                        ps.setString(p++, e.source());
                        ps.setString(p++, e.medium());
                        ps.setString(p++, e.campaign());
                        ps.setString(p++, e.referrer());
                        ps.setString(p++, e.device());
                        ps.setString(p++, e.browser());
                        ps.setString(p++, e.os());
                        ps.setString(p++, e.country());
                        ps.setString(p++, e.eventValue());
                        ps.setLong(p++, e.occurredAt().toEpochMilli());
                        ps.setLong(p++, e.receivedAt().toEpochMilli());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            inserted.add(uuid(rs.getBytes(1)));
                        }
                    }
                }
            }
        }
        return inserted;
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
                ps.setBytes(i++, bytes(id));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(uuid(rs.getBytes(1)));
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
                "DELETE FROM raw_events WHERE rowid IN (SELECT rowid FROM raw_events WHERE occurred_at < ? LIMIT ?)")) {
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
                    events.add(new EngagementRecorded(uuid(rs.getBytes(1)), rs.getString(2),
                            UUID.fromString(rs.getString(3)), user == null ? null : UUID.fromString(user),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                            Instant.ofEpochMilli(rs.getLong(15)), Instant.ofEpochMilli(rs.getLong(16))));
                }
            }
        }
        return events;
    }

    /** An event id as stored: its 16 bytes. */
    public static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static UUID uuid(byte[] bytes) {
        if (bytes.length != 16) { // a V1 id that was not a UUID, kept as its text
            return UUID.fromString(new String(bytes, StandardCharsets.UTF_8));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
