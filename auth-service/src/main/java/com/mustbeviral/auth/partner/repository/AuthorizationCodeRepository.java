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
import java.util.UUID;

/** The authorization_codes table: codes by hash; single use, and a redeemed code remembers its grant. */
@ApplicationScoped
public class AuthorizationCodeRepository {

    /** A stored code. {@code usedAt} and {@code grantId} are set when it is redeemed. */
    public record Code(String clientId, UUID userId, String redirectUri, Set<String> scopes, String codeChallenge,
            String nonce, Instant authTime, Instant expiresAt, Instant usedAt, UUID grantId) {
    }

    private final AgroalDataSource dataSource;

    AuthorizationCodeRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String codeHash, Code code, Instant createdAt) throws SQLException {
        String sql = """
                INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge,
                                                 code_challenge_method, nonce, auth_time, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, 'S256', ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, codeHash);
            ps.setString(2, code.clientId());
            ps.setString(3, code.userId().toString());
            ps.setString(4, code.redirectUri());
            ps.setString(5, OAuthScopes.format(code.scopes()));
            ps.setString(6, code.codeChallenge());
            ps.setString(7, code.nonce());
            ps.setLong(8, code.authTime().toEpochMilli());
            ps.setLong(9, createdAt.toEpochMilli());
            ps.setLong(10, code.expiresAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<Code> find(String codeHash) throws SQLException {
        String sql = """
                SELECT client_id, user_id, redirect_uri, scopes, code_challenge, nonce, auth_time, expires_at, used_at, grant_id
                FROM authorization_codes WHERE code_hash = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, codeHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long used = rs.getLong(9);
                Instant usedAt = rs.wasNull() ? null : Instant.ofEpochMilli(used);
                String grant = rs.getString(10);
                return Optional.of(new Code(rs.getString(1), UUID.fromString(rs.getString(2)), rs.getString(3),
                        OAuthScopes.parse(rs.getString(4)), rs.getString(5), rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), usedAt,
                        grant == null ? null : UUID.fromString(grant)));
            }
        }
    }

    /** Marks an unused code redeemed into a grant; false when it was already used. */
    public boolean redeem(String codeHash, UUID grantId, Instant at) throws SQLException {
        String sql = "UPDATE authorization_codes SET used_at = ?, grant_id = ? WHERE code_hash = ? AND used_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, grantId.toString());
            ps.setString(3, codeHash);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes codes that expired long enough ago that a late replay no longer needs them for detection. */
    public int deleteExpiredBefore(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM authorization_codes WHERE expires_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
