package com.mustbeviral.auth;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Admins for tests. No API makes the first admin, so the test promotes a registered user in the database. */
final class Admins {

    /** A logged-in admin. */
    record Admin(String id, String username, String accessToken) {
    }

    private Admins() {
    }

    static Admin create(AgroalDataSource dataSource) throws SQLException {
        String username = Accounts.register();
        setRole(dataSource, username, "admin");
        Response login = Accounts.login(username);
        String token = login.path("access_token");
        return new Admin(Tokens.claim(token, "sub"), username, token);
    }

    static void setRole(AgroalDataSource dataSource, String username, String role) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ? WHERE username = ?")) {
            ps.setString(1, role);
            ps.setString(2, username);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("No user " + username);
            }
        }
    }
}
