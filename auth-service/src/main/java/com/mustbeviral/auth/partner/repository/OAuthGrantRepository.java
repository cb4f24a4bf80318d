package com.mustbeviral.auth.partner.repository;

import com.mustbeviral.auth.partner.OAuthScopes;
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
import java.util.Set;
import java.util.UUID;

/** The oauth_grants and oauth_refresh_tokens tables: partner grants and every generation of their refresh tokens. */
@ApplicationScoped
public class OAuthGrantRepository {

    /** A user's consent to a client, with its current refresh-token generation. */
    public record Grant(UUID id, String clientId, UUID userId, Set<String> scopes, int generation, Instant createdAt,
            Instant expiresAt, Instant revokedAt) {

        public boolean activeAt(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    /** A stored refresh token. {@code rotatedAt} is null while it is its grant's current one. */
    public record IssuedRefreshToken(UUID grantId, int generation, Instant rotatedAt) {
    }

    private final AgroalDataSource dataSource;

    OAuthGrantRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Grant g) throws SQLException {
        String sql = """
                INSERT INTO oauth_grants (id, client_id, user_id, scopes, generation, created_at, last_used_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, g.id().toString());
            ps.setString(2, g.clientId());
            ps.setString(3, g.userId().toString());
            ps.setString(4, OAuthScopes.format(g.scopes()));
            ps.setInt(5, g.generation());
            ps.setLong(6, g.createdAt().toEpochMilli());
            ps.setLong(7, g.createdAt().toEpochMilli());
            ps.setLong(8, g.expiresAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<Grant> find(UUID id) throws SQLException {
        String sql = """
                SELECT id, client_id, user_id, scopes, generation, created_at, expires_at, revoked_at
                FROM oauth_grants WHERE id = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long revoked = rs.getLong(8);
                Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
                return Optional.of(new Grant(UUID.fromString(rs.getString(1)), rs.getString(2),
                        UUID.fromString(rs.getString(3)), OAuthScopes.parse(rs.getString(4)), rs.getInt(5),
                        Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), revokedAt));
            }
        }
    }

    /** Moves a grant from generation {@code from} to {@code from + 1}; false when another rotation won. */
    public boolean advance(UUID id, int from, Instant at) throws SQLException {
        String sql = """
                UPDATE oauth_grants SET generation = generation + 1, last_used_at = ?
                WHERE id = ? AND generation = ? AND revoked_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id.toString());
            ps.setInt(3, from);
            return ps.executeUpdate() == 1;
        }
    }

    /** Ids of the user's grants not revoked yet (expired ones included: revoking them costs nothing). */
    public List<UUID> unrevokedIds(UUID userId) throws SQLException {
        String sql = "SELECT id FROM oauth_grants WHERE user_id = ? AND revoked_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(UUID.fromString(rs.getString(1)));
                }
                return ids;
            }
        }
    }

    /** Revokes a live grant; false when it already was. */
    public boolean revoke(UUID id, String reason, Instant at) throws SQLException {
        String sql = "UPDATE oauth_grants SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, reason);
            ps.setString(3, id.toString());
            return ps.executeUpdate() == 1;
        }
    }

    public void insertRefreshToken(String hash, UUID grantId, int generation, Instant at) throws SQLException {
        String sql = "INSERT INTO oauth_refresh_tokens (token_hash, grant_id, generation, issued_at) VALUES (?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            ps.setString(2, grantId.toString());
            ps.setInt(3, generation);
            ps.setLong(4, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<IssuedRefreshToken> findRefreshToken(String hash) throws SQLException {
        String sql = "SELECT grant_id, generation, rotated_at FROM oauth_refresh_tokens WHERE token_hash = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long rotated = rs.getLong(3);
                Instant rotatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(rotated);
                return Optional.of(new IssuedRefreshToken(UUID.fromString(rs.getString(1)), rs.getInt(2), rotatedAt));
            }
        }
    }

    public void markRotated(UUID grantId, int generation, Instant at) throws SQLException {
        String sql = """
                UPDATE oauth_refresh_tokens SET rotated_at = ? WHERE grant_id = ? AND generation = ? AND rotated_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, grantId.toString());
            ps.setInt(3, generation);
            ps.executeUpdate();
        }
    }

    /** Spends one grace use of a rotated token; false when none is left. */
    public boolean spendGrace(String hash, int maxUses) throws SQLException {
        String sql = "UPDATE oauth_refresh_tokens SET grace_uses = grace_uses + 1 WHERE token_hash = ? AND grace_uses < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            ps.setInt(2, maxUses);
            return ps.executeUpdate() == 1;
        }
    }
}
