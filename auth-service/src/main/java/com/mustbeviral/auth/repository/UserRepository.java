package com.mustbeviral.auth.repository;

import com.mustbeviral.auth.Role;
import com.mustbeviral.auth.User;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The users table. */
@ApplicationScoped
public class UserRepository {

    private final AgroalDataSource dataSource;

    UserRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(User user, String passwordHash) throws SQLException {
        String sql = """
                INSERT INTO users (id, email, email_normalized, username, username_normalized, password_hash,
                                   display_name, role, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user.id().toString());
            ps.setString(2, user.email());
            ps.setString(3, normalize(user.email()));
            ps.setString(4, user.username());
            ps.setString(5, normalize(user.username()));
            ps.setString(6, passwordHash);
            ps.setString(7, user.displayName());
            ps.setString(8, user.role().wireName());
            ps.setLong(9, user.version());
            ps.setLong(10, user.createdAt().toEpochMilli());
            ps.setLong(11, user.updatedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** What a login needs of an account found by email or username (any case). */
    public record Credentials(User user, String passwordHash, String plan, boolean deleted) {
    }

    public Optional<Credentials> findForLogin(String emailOrUsername) throws SQLException {
        return findCredentials("email_normalized = ? OR username_normalized = ?", normalize(emailOrUsername),
                normalize(emailOrUsername));
    }

    public Optional<Credentials> findById(UUID id) throws SQLException {
        return findCredentials("id = ?", id.toString());
    }

    /** The account with this email (any case), deleted or not: a deleted one still holds its address. */
    public Optional<Credentials> findByEmail(String email) throws SQLException {
        return findCredentials("email_normalized = ?", normalize(email));
    }

    /** Records that a provider vouched for the user's email (social login). */
    public void markEmailVerified(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE users SET email_verified = TRUE WHERE id = ?")) {
            ps.setString(1, id.toString());
            ps.executeUpdate();
        }
    }

    private Optional<Credentials> findCredentials(String where, String... args) throws SQLException {
        String sql = """
                SELECT id, email, username, display_name, role, onboarding_completed, version, created_at, updated_at,
                       password_hash, plan, deleted_at
                FROM users WHERE""" + " " + where;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                User user = new User(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        Role.fromWireName(rs.getString(5)), rs.getBoolean(6), rs.getLong(7),
                        Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)));
                String hash = rs.getString(10);
                String plan = rs.getString(11);
                rs.getLong(12);
                boolean deleted = !rs.wasNull();
                return Optional.of(new Credentials(user, hash, plan, deleted));
            }
        }
    }

    /** Sets the plan the user's next access token carries; unknown users are ignored (billing may be ahead). */
    public void setPlan(UUID id, String plan, Instant at) throws SQLException {
        String sql = "UPDATE users SET plan = ?, updated_at = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plan);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id.toString());
            ps.executeUpdate();
        }
    }

    public boolean emailTaken(String email) throws SQLException {
        return exists("SELECT 1 FROM users WHERE email_normalized = ?", normalize(email));
    }

    public boolean usernameTaken(String username) throws SQLException {
        return exists("SELECT 1 FROM users WHERE username_normalized = ?", normalize(username));
    }

    private boolean exists(String sql, String value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

}
