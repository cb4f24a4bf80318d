package com.mustbeviral.auth.account.repository;

import com.mustbeviral.auth.account.LinkPurpose;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The account_tokens table: hashes of the single-use links sent by mail, one live per user and purpose. */
@ApplicationScoped
public class AccountTokenRepository {

    private final AgroalDataSource dataSource;

    AccountTokenRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new token's hash; the user's unused tokens of the same purpose stop working. */
    public void replace(UUID userId, LinkPurpose purpose, String tokenHash, Instant now, Instant expiresAt)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM account_tokens WHERE user_id = ? AND purpose = ? AND used_at IS NULL")) {
                ps.setString(1, userId.toString());
                ps.setString(2, purpose.wireName());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)""")) {
                ps.setString(1, tokenHash);
                ps.setString(2, userId.toString());
                ps.setString(3, purpose.wireName());
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, expiresAt.toEpochMilli());
                ps.executeUpdate();
            }
        }
    }

    /**
     * Uses a token once: the user it was issued to, when it exists, has this purpose, is unused and
     * has not expired; empty otherwise. The update is conditional, so two concurrent uses cannot
     * both succeed.
     */
    public Optional<UUID> consume(String tokenHash, LinkPurpose purpose, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String userId;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_id FROM account_tokens WHERE token_hash = ? AND purpose = ?")) {
                ps.setString(1, tokenHash);
                ps.setString(2, purpose.wireName());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    userId = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE account_tokens SET used_at = ?
                    WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, tokenHash);
                ps.setLong(3, now.toEpochMilli());
                return ps.executeUpdate() == 1 ? Optional.of(UUID.fromString(userId)) : Optional.empty();
            }
        }
    }

    /** Ends the user's unused tokens of a purpose (a password set otherwise makes a pending reset link moot). */
    public void discardUnused(UUID userId, LinkPurpose purpose) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM account_tokens WHERE user_id = ? AND purpose = ? AND used_at IS NULL")) {
            ps.setString(1, userId.toString());
            ps.setString(2, purpose.wireName());
            ps.executeUpdate();
        }
    }
}
