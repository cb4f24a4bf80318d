package com.mustbeviral.auth.consent.repository;

import com.mustbeviral.auth.consent.Consent;
import com.mustbeviral.auth.consent.ConsentPurpose;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** The consents table (current answer per purpose) and its append-only consent_history. */
@ApplicationScoped
public class ConsentRepository {

    private final AgroalDataSource dataSource;

    ConsentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every purpose the user has answered; purposes never answered are absent. */
    public Map<ConsentPurpose, Consent> answered(UUID userId) throws SQLException {
        String sql = "SELECT purpose, granted, updated_at FROM consents WHERE user_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                Map<ConsentPurpose, Consent> answers = new EnumMap<>(ConsentPurpose.class);
                while (rs.next()) {
                    ConsentPurpose purpose = ConsentPurpose.fromWireName(rs.getString(1));
                    answers.put(purpose, new Consent(purpose, rs.getBoolean(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
                return answers;
            }
        }
    }

    /** Stores the new answer and appends it to the history. */
    public void record(UUID userId, Consent consent, String source) throws SQLException {
        String upsert = """
                INSERT INTO consents (user_id, purpose, granted, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, purpose) DO UPDATE SET granted = excluded.granted, updated_at = excluded.updated_at""";
        String history = "INSERT INTO consent_history (user_id, purpose, granted, changed_at, source) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement current = c.prepareStatement(upsert);
                PreparedStatement past = c.prepareStatement(history)) {
            current.setString(1, userId.toString());
            current.setString(2, consent.purpose().wireName());
            current.setBoolean(3, consent.granted());
            current.setLong(4, consent.updatedAt().toEpochMilli());
            current.executeUpdate();
            past.setString(1, userId.toString());
            past.setString(2, consent.purpose().wireName());
            past.setBoolean(3, consent.granted());
            past.setLong(4, consent.updatedAt().toEpochMilli());
            past.setString(5, source);
            past.executeUpdate();
        }
    }
}
