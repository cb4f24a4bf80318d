package com.mustbeviral.auth.account.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Facts about a user that OpenID Connect claims need beyond {@link com.mustbeviral.auth.account.User}. */
@ApplicationScoped
public class UserClaimsRepository {

    private final AgroalDataSource dataSource;

    UserClaimsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the user's email address was verified (the {@code email_verified} claim). */
    public boolean emailVerified(UUID userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT email_verified FROM users WHERE id = ?")) {
            ps.setString(1, userId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
