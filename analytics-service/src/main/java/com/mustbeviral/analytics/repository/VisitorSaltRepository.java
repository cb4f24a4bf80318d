package com.mustbeviral.analytics.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/** The visitor_salts table: one random salt per day, deleted once its day is over. */
@ApplicationScoped
public class VisitorSaltRepository {

    private final AgroalDataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    VisitorSaltRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The salt of {@code day} (epoch millisecond of its start), created on first use. */
    public String saltOf(long day) throws SQLException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO visitor_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING")) {
                ps.setLong(1, day);
                ps.setString(2, HexFormat.of().formatHex(bytes));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT salt FROM visitor_salts WHERE day = ?")) {
                ps.setLong(1, day);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }

    /** Deletes the salts of the days before {@code day}. */
    public int deleteBefore(long day) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM visitor_salts WHERE day < ?")) {
            ps.setLong(1, day);
            return ps.executeUpdate();
        }
    }
}
