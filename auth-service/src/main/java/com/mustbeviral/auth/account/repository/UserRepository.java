package com.mustbeviral.auth.account.repository;

import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.pii.EmailIndex;
import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The users table. The email is stored encrypted ({@link PiiCipher}) and found through its blind
 * index ({@link EmailIndex}), which also keeps it unique regardless of case; the username is public
 * and stays in clear.
 */
@ApplicationScoped
public class UserRepository {

    private final AgroalDataSource dataSource;
    private final PiiCipher cipher;
    private final EmailIndex emailIndex;

    UserRepository(AgroalDataSource dataSource, PiiCipher cipher, EmailIndex emailIndex) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.emailIndex = emailIndex;
    }

    public void insert(User user, String passwordHash) throws SQLException {
        String sql = """
                INSERT INTO users (id, email, email_index, username, username_normalized, password_hash,
                                   display_name, role, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user.id().toString());
            ps.setString(2, cipher.encrypt(user.email(), PiiColumn.USERS_EMAIL, user.id().toString()));
            ps.setString(3, emailIndex.of(user.email()));
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
    public record Credentials(User user, String passwordHash, String plan, boolean deleted, boolean emailVerified,
            boolean passwordChangeRequired) {

        public TokenSubject subject() {
            return new TokenSubject(user.id(), user.role(), plan, deleted, emailVerified);
        }
    }

    /** What an access token says of its user, and no more: no email to decrypt, no password hash. */
    public record TokenSubject(UUID id, Role role, String plan, boolean deleted, boolean emailVerified) {
    }

    public Optional<Credentials> findForLogin(String emailOrUsername) throws SQLException {
        return findCredentials("email_index = ? OR username_normalized = ?", emailIndex.of(emailOrUsername),
                normalize(emailOrUsername));
    }

    public Optional<Credentials> findById(UUID id) throws SQLException {
        return findCredentials("id = ?", id.toString());
    }

    /** What a refreshed token needs: read on every refresh, so it leaves the email encrypted. */
    public Optional<TokenSubject> findTokenSubject(UUID id) throws SQLException {
        String sql = "SELECT role, plan, deleted_at, email_verified FROM users WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Role role = Role.fromWireName(rs.getString(1));
                String plan = rs.getString(2);
                rs.getLong(3);
                boolean live = rs.wasNull();
                return Optional.of(new TokenSubject(id, role, plan, !live, rs.getBoolean(4)));
            }
        }
    }

    /** The account with this email (any case), deleted or not: a deleted one still holds its address. */
    public Optional<Credentials> findByEmail(String email) throws SQLException {
        return findCredentials("email_index = ?", emailIndex.of(email));
    }

    /**
     * Sets a new password hash: a reset, a change, or the change a login required. Clears that
     * requirement and bumps the profile's version.
     */
    public void setPassword(UUID id, String passwordHash, Instant at) throws SQLException {
        String sql = """
                UPDATE users SET password_hash = ?, password_change_required = FALSE, updated_at = ?, version = version + 1
                WHERE id = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, passwordHash);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id.toString());
            ps.executeUpdate();
        }
    }

    /** Makes the account's next login change its password first (the bootstrap admin's). */
    public void requirePasswordChange(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_change_required = TRUE WHERE id = ?")) {
            ps.setString(1, id.toString());
            ps.executeUpdate();
        }
    }

    /** Whether any live account is an admin. */
    public boolean anyLiveAdmin() throws SQLException {
        return exists("SELECT 1 FROM users WHERE role = ? AND deleted_at IS NULL LIMIT 1", "admin");
    }

    /** The account whose email has this blind index (see {@link EmailIndex}), deleted or not. */
    public Optional<Credentials> findByEmailIndex(String index) throws SQLException {
        return findCredentials("email_index = ?", index);
    }

    /** Records that the user proved their email (a link sent to it), or that a provider vouched for it (social login). */
    public void markEmailVerified(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE users SET email_verified = TRUE WHERE id = ?")) {
            ps.setString(1, id.toString());
            ps.executeUpdate();
        }
    }

    /**
     * Removes the password of an account whose email a provider just vouched for: whoever registered
     * it before without proving the address must not keep a way in (pre-account-takeover).
     */
    /**
     * Replaces a password hash by one of the same password with another cost, unless it changed
     * meanwhile; the profile's version stays. Its own transaction, so that it takes its turn (WriterQueue).
     */
    @Transactional(rollbackOn = Exception.class)
    public void replacePasswordHash(UUID id, String oldHash, String newHash) throws SQLException {
        String sql = "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newHash);
            ps.setString(2, id.toString());
            ps.setString(3, oldHash);
            ps.executeUpdate();
        }
    }

    public void removePassword(UUID id, Instant at) throws SQLException {
        String sql = "UPDATE users SET password_hash = NULL, updated_at = ?, version = version + 1 WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id.toString());
            ps.executeUpdate();
        }
    }

    private Optional<Credentials> findCredentials(String where, String... args) throws SQLException {
        String sql = """
                SELECT id, email, username, display_name, role, onboarding_completed, version, created_at, updated_at,
                       password_hash, plan, deleted_at, email_verified, password_change_required
                FROM users WHERE""" + " " + where;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String id = rs.getString(1);
                User user = new User(UUID.fromString(id), cipher.decrypt(rs.getString(2), PiiColumn.USERS_EMAIL, id),
                        rs.getString(3), rs.getString(4),
                        Role.fromWireName(rs.getString(5)), rs.getBoolean(6), rs.getLong(7),
                        Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)));
                String hash = rs.getString(10);
                String plan = rs.getString(11);
                rs.getLong(12);
                boolean deleted = !rs.wasNull();
                return Optional.of(new Credentials(user, hash, plan, deleted, rs.getBoolean(13), rs.getBoolean(14)));
            }
        }
    }

    /**
     * Sets the plan the user's next access token carries, unless the plan stored came from a newer
     * decision of billing: a later period wins, and within one period the later decision time (a tie
     * applies, in arrival order). False when nothing changed (an older decision, or an unknown user:
     * billing may be ahead).
     */
    public boolean setPlanIfNewer(UUID id, String plan, Instant periodStart, Instant decidedAt, Instant at)
            throws SQLException {
        String sql = """
                UPDATE users SET plan = ?, plan_period_start = ?, plan_decided_at = ?, updated_at = ?
                WHERE id = ? AND (plan_decided_at IS NULL OR plan_period_start < ?
                                  OR (plan_period_start = ? AND plan_decided_at <= ?))""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plan);
            ps.setLong(2, periodStart.toEpochMilli());
            ps.setLong(3, decidedAt.toEpochMilli());
            ps.setLong(4, at.toEpochMilli());
            ps.setString(5, id.toString());
            ps.setLong(6, periodStart.toEpochMilli());
            ps.setLong(7, periodStart.toEpochMilli());
            ps.setLong(8, decidedAt.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    public boolean emailTaken(String email) throws SQLException {
        return exists("SELECT 1 FROM users WHERE email_index = ?", emailIndex.of(email));
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
