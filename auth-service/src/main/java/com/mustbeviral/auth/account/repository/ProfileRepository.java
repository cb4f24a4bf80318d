package com.mustbeviral.auth.account.repository;

import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The users table as profiles: what an owner reads and edits, soft deletion, role changes. Every
 * write is conditional (on the version, on the old role, on not being deleted) and bumps the version.
 */
@ApplicationScoped
public class ProfileRepository {

    public static final String COLUMNS = """
            id, email, username, display_name, role, metadata, onboarding_completed, version, created_at, updated_at""";

    private final AgroalDataSource dataSource;
    private final PiiCipher cipher;

    ProfileRepository(AgroalDataSource dataSource, PiiCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /** The account, unless it does not exist or is deleted. */
    public Optional<Profile> findLive(UUID id) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM users WHERE id = ? AND deleted_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, cipher)) : Optional.empty();
            }
        }
    }

    /** Writes the editable fields of {@code changed} if the stored version is still {@code expectedVersion}. */
    public boolean update(Profile changed, long expectedVersion) throws SQLException {
        String sql = """
                UPDATE users SET display_name = ?, metadata = ?, onboarding_completed = ?, version = version + 1,
                                 updated_at = ?
                WHERE id = ? AND version = ? AND deleted_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, changed.displayName());
            ps.setString(2, changed.metadata());
            ps.setBoolean(3, changed.onboardingCompleted());
            ps.setLong(4, changed.updatedAt().toEpochMilli());
            ps.setString(5, changed.id().toString());
            ps.setLong(6, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks a live account deleted; false when it was not live. */
    public boolean softDelete(UUID id, Instant at) throws SQLException {
        String sql = """
                UPDATE users SET deleted_at = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND deleted_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id.toString());
            return ps.executeUpdate() == 1;
        }
    }

    /** Changes a live account's role from {@code from} to {@code to}; false when it no longer has {@code from}. */
    public boolean changeRole(UUID id, Role from, Role to, Instant at) throws SQLException {
        String sql = """
                UPDATE users SET role = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND role = ? AND deleted_at IS NULL""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, to.wireName());
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id.toString());
            ps.setString(4, from.wireName());
            return ps.executeUpdate() == 1;
        }
    }

    /** A row selected with {@link #COLUMNS}; the email decrypted. */
    public static Profile read(ResultSet rs, PiiCipher cipher) throws SQLException {
        String id = rs.getString(1);
        return new Profile(UUID.fromString(id), cipher.decrypt(rs.getString(2), PiiColumn.USERS_EMAIL, id),
                rs.getString(3), rs.getString(4),
                Role.fromWireName(rs.getString(5)), rs.getString(6), rs.getBoolean(7), rs.getLong(8),
                Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)));
    }
}
