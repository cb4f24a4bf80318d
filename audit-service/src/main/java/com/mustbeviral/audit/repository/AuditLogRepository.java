package com.mustbeviral.audit.repository;

import com.mustbeviral.audit.AuditRecord;
import com.mustbeviral.audit.ReceivedEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit_log table: append at the end of the chain, read it back in chain order. */
@ApplicationScoped
public class AuditLogRepository {

    private final AgroalDataSource dataSource;

    AuditLogRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<String> lastHash() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    public void append(ReceivedEvent event, String prevHash, String hash, Instant recordedAt) throws SQLException {
        String sql = """
                INSERT INTO audit_log (event_id, event_type, source, subject, occurred_at, recorded_at, payload, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, event.id());
            ps.setString(2, event.type());
            ps.setString(3, event.source());
            ps.setString(4, event.subject());
            ps.setLong(5, event.time().toEpochMilli());
            ps.setLong(6, recordedAt.toEpochMilli());
            ps.setString(7, event.payload());
            ps.setString(8, prevHash);
            ps.setString(9, hash);
            ps.executeUpdate();
        }
    }

    /** Up to {@code limit} records with a chain position after {@code afterSeq}, in chain order. */
    public List<AuditRecord> page(long afterSeq, int limit) throws SQLException {
        String sql = """
                SELECT seq, event_id, event_type, source, subject, occurred_at, recorded_at, payload, prev_hash, hash
                FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditRecord> records = new ArrayList<>();
                while (rs.next()) {
                    records.add(new AuditRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getString(8), rs.getString(9), rs.getString(10)));
                }
                return records;
            }
        }
    }
}
