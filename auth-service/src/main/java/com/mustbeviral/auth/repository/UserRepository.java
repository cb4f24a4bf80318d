package com.mustbeviral.auth.repository;

import com.mustbeviral.auth.User;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

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
