package com.mustbeviral.billing;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The events written to the outbox about one user, in commit order: what the relay publishes to billing.events. */
final class Outboxed {

    record Event(String type, String payload) {
    }

    private Outboxed() {
    }

    static List<Event> of(AgroalDataSource dataSource, UUID userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT event_type, payload FROM outbox WHERE subject = ? AND topic = 'billing.events' ORDER BY position")) {
            ps.setString(1, userId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                List<Event> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new Event(rs.getString(1), rs.getString(2)));
                }
                return events;
            }
        }
    }

    static List<String> types(AgroalDataSource dataSource, UUID userId) throws SQLException {
        return of(dataSource, userId).stream().map(Event::type).toList();
    }
}
