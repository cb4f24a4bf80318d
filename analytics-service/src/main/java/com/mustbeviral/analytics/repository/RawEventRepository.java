package com.mustbeviral.analytics.repository;

import com.mustbeviral.analytics.EngagementEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The raw_events table. */
@ApplicationScoped
public class RawEventRepository {

    private final AgroalDataSource dataSource;

    RawEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the events not stored before; returns how many were new. */
    public int insertNew(List<EngagementEvent> events, Instant receivedAt) throws SQLException {
        String sql = """
                INSERT INTO raw_events (id, event_type, content_id, session_id, properties, occurred_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (EngagementEvent e : events) {
                ps.setString(1, e.id().toString());
                ps.setString(2, e.type().wireName());
                ps.setString(3, e.contentId().toString());
                ps.setString(4, e.sessionId());
                ps.setString(5, e.properties());
                ps.setLong(6, e.occurredAt().toEpochMilli());
                ps.setLong(7, receivedAt.toEpochMilli());
                ps.addBatch();
            }
            int inserted = 0;
            for (int count : ps.executeBatch()) {
                inserted += Math.max(count, 0);
            }
            return inserted;
        }
    }
}
