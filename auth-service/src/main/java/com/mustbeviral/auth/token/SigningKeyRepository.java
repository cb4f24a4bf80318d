package com.mustbeviral.auth.token;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The signing_keys table. Keys travel as strings here: PKCS#8 base64 and JWK JSON. */
@ApplicationScoped
public class SigningKeyRepository {

    /** A stored key. */
    public record Row(String kid, String publicJwk, String privateKeyPkcs8, Instant createdAt) {
    }

    private final AgroalDataSource dataSource;

    SigningKeyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Row row) throws SQLException {
        String sql = "INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key, created_at) VALUES (?, 'RS256', ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, row.kid());
            ps.setString(2, row.publicJwk());
            ps.setString(3, row.privateKeyPkcs8());
            ps.setLong(4, row.createdAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Stops every key but {@code kid} from signing; they stay in the JWKS until retired. */
    public void rotateOutAllBut(String kid, Instant at) throws SQLException {
        String sql = "UPDATE signing_keys SET rotated_out_at = ? WHERE kid <> ? AND rotated_out_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, kid);
            ps.executeUpdate();
        }
    }

    /** Removes from the JWKS the keys rotated out before {@code cutoff}: no token they signed is still valid. */
    public void retireRotatedOutBefore(Instant cutoff, Instant at) throws SQLException {
        String sql = "UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL AND rotated_out_at < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setLong(2, cutoff.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Keys still published, newest first; the first one not rotated out signs. */
    public List<Row> published() throws SQLException {
        String sql = """
                SELECT kid, public_jwk, private_key, created_at FROM signing_keys
                WHERE retired_at IS NULL ORDER BY (rotated_out_at IS NULL) DESC, created_at DESC""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
            }
            return rows;
        }
    }
}
