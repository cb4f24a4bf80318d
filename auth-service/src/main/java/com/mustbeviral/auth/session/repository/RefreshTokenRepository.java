package com.mustbeviral.auth.session.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The refresh_tokens table: every generation of every session's refresh token, by hash. */
@ApplicationScoped
public class RefreshTokenRepository {

    /** A stored refresh token. {@code rotatedAt} is null while it is its session's current one. */
    public record Issued(UUID sessionId, int generation, Instant rotatedAt, int graceUses) {
    }

    private final AgroalDataSource dataSource;

    RefreshTokenRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String hash, UUID sessionId, int generation, Instant at) throws SQLException {
        String sql = "INSERT INTO refresh_tokens (token_hash, session_id, generation, issued_at) VALUES (?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            ps.setString(2, sessionId.toString());
            ps.setInt(3, generation);
            ps.setLong(4, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<Issued> find(String hash) throws SQLException {
        String sql = "SELECT session_id, generation, rotated_at, grace_uses FROM refresh_tokens WHERE token_hash = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long rotated = rs.getLong(3);
                Instant rotatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(rotated);
                return Optional.of(new Issued(UUID.fromString(rs.getString(1)), rs.getInt(2), rotatedAt, rs.getInt(4)));
            }
        }
    }

    /** Marks the session's token of a generation as rotated (idempotent). */
    public void markRotated(UUID sessionId, int generation, Instant at) throws SQLException {
        String sql = "UPDATE refresh_tokens SET rotated_at = ? WHERE session_id = ? AND generation = ? AND rotated_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, sessionId.toString());
            ps.setInt(3, generation);
            ps.executeUpdate();
        }
    }

    /** Spends one grace use of a rotated token; false when none is left. */
    public boolean spendGrace(String hash, int maxUses) throws SQLException {
        String sql = "UPDATE refresh_tokens SET grace_uses = grace_uses + 1 WHERE token_hash = ? AND grace_uses < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            ps.setInt(2, maxUses);
            return ps.executeUpdate() == 1;
        }
    }
}
