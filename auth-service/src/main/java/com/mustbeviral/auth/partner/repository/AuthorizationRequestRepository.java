package com.mustbeviral.auth.partner.repository;

import com.mustbeviral.auth.partner.OAuthScopes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The oauth_authorization_requests table: requests waiting on the consent page, by hash of their id. */
@ApplicationScoped
public class AuthorizationRequestRepository {

    /** A validated authorization request; {@code decidedAt} is set once the user allowed or denied it. */
    public record Pending(String browserHash, String clientId, String redirectUri, Set<String> scopes, String state,
            String nonce, String codeChallenge, Instant createdAt, Instant expiresAt, Instant decidedAt) {
    }

    private final AgroalDataSource dataSource;

    AuthorizationRequestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String idHash, Pending p) throws SQLException {
        String sql = """
                INSERT INTO oauth_authorization_requests (id_hash, browser_hash, client_id, redirect_uri, scopes, state, nonce,
                                                          code_challenge, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, idHash);
            ps.setString(2, p.browserHash());
            ps.setString(3, p.clientId());
            ps.setString(4, p.redirectUri());
            ps.setString(5, OAuthScopes.format(p.scopes()));
            ps.setString(6, p.state());
            ps.setString(7, p.nonce());
            ps.setString(8, p.codeChallenge());
            ps.setLong(9, p.createdAt().toEpochMilli());
            ps.setLong(10, p.expiresAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<Pending> find(String idHash) throws SQLException {
        String sql = """
                SELECT browser_hash, client_id, redirect_uri, scopes, state, nonce, code_challenge, created_at, expires_at,
                       decided_at
                FROM oauth_authorization_requests WHERE id_hash = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long decided = rs.getLong(10);
                Instant decidedAt = rs.wasNull() ? null : Instant.ofEpochMilli(decided);
                return Optional.of(new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                        OAuthScopes.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), decidedAt));
            }
        }
    }

    /** Records the user's decision; false when the request was already decided. */
    public boolean decide(String idHash, Instant at) throws SQLException {
        String sql = "UPDATE oauth_authorization_requests SET decided_at = ? WHERE id_hash = ? AND decided_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, idHash);
            return ps.executeUpdate() == 1;
        }
    }

    public int deleteExpiredBefore(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM oauth_authorization_requests WHERE expires_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
