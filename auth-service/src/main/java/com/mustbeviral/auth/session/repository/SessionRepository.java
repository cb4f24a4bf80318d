package com.mustbeviral.auth.session.repository;

import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import com.mustbeviral.auth.session.Session;
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
import java.util.UUID;

/** The sessions table. The client's IP address is stored encrypted ({@link PiiCipher}). */
@ApplicationScoped
public class SessionRepository {

    private static final String COLUMNS = """
            id, user_id, generation, ip_address, user_agent, device_type, created_at, last_activity_at, expires_at,
            revoked_at""";

    private final AgroalDataSource dataSource;
    private final PiiCipher cipher;

    SessionRepository(AgroalDataSource dataSource, PiiCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public void insert(Session s, String refreshTokenHash) throws SQLException {
        String sql = """
                INSERT INTO sessions (id, user_id, refresh_token_hash, token_family, generation, ip_address, user_agent,
                                      device_type, created_at, last_activity_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.id().toString());
            ps.setString(2, s.userId().toString());
            ps.setString(3, refreshTokenHash);
            // One login is one token family; the session id names it.
            ps.setString(4, s.id().toString());
            ps.setInt(5, s.generation());
            ps.setString(6, cipher.encrypt(s.ipAddress(), PiiColumn.SESSIONS_IP_ADDRESS, s.id().toString()));
            ps.setString(7, s.userAgent());
            ps.setString(8, s.deviceType());
            ps.setLong(9, s.createdAt().toEpochMilli());
            ps.setLong(10, s.lastActivityAt().toEpochMilli());
            ps.setLong(11, s.expiresAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<Session> find(UUID id) throws SQLException {
        List<Session> found = query("SELECT " + COLUMNS + " FROM sessions WHERE id = ?", id.toString());
        return found.stream().findFirst();
    }

    /** Sessions of a user neither revoked nor expired, most recently used first. */
    public List<Session> active(UUID userId, Instant now) throws SQLException {
        String sql = "SELECT " + COLUMNS + """
                 FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
                ORDER BY last_activity_at DESC""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            ps.setLong(2, now.toEpochMilli());
            return read(ps);
        }
    }

    /** Moves a session from generation {@code from} to {@code from + 1}; false when another rotation won. */
    public boolean advance(UUID id, int from, String newTokenHash, Instant at) throws SQLException {
        String sql = """
                UPDATE sessions SET generation = generation + 1, refresh_token_hash = ?, last_activity_at = ?
                WHERE id = ? AND generation = ? AND revoked_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newTokenHash);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id.toString());
            ps.setInt(4, from);
            return ps.executeUpdate() == 1;
        }
    }

    /** Revokes a live session; false when it already was. */
    public boolean revoke(UUID id, String reason, Instant at) throws SQLException {
        String sql = "UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, reason);
            ps.setString(3, id.toString());
            return ps.executeUpdate() == 1;
        }
    }

    private List<Session> query(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return read(ps);
        }
    }

    private List<Session> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Session> sessions = new ArrayList<>();
            while (rs.next()) {
                long revoked = rs.getLong(10);
                Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
                String id = rs.getString(1);
                sessions.add(new Session(UUID.fromString(id), UUID.fromString(rs.getString(2)), rs.getInt(3),
                        cipher.decrypt(rs.getString(4), PiiColumn.SESSIONS_IP_ADDRESS, id), rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                        Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), revokedAt));
            }
            return sessions;
        }
    }
}
