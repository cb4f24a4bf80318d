package com.mustbeviral.auth.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Ids of the consumed events already handled; the consumer's guard against redelivery. */
@ApplicationScoped
public class ProcessedEvents {

    private final AgroalDataSource dataSource;

    ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Marks an event handled; false when it already was, so that its effect must not repeat. */
    public boolean markProcessed(String eventId, Instant at) throws SQLException {
        String sql = "INSERT INTO processed_events (event_id, processed_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventId);
            ps.setLong(2, at.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }
}
