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

/**
 * The signing_keys table. Keys travel as strings here: the public half as JWK JSON, the private half
 * sealed by {@link SigningKeyCipher} (never in clear: a copy of the file must not mint tokens).
 */
@ApplicationScoped
public class SigningKeyRepository {

    /** A stored key. */
    public record Row(TokenAlgorithm algorithm, String kid, String publicJwk, String sealedPrivateKey, Instant createdAt) {
    }

    /** A key's sealed private half, for re-encryption after a key-encryption key rotation. */
    public record Sealed(String kid, String sealedPrivateKey) {
    }

    private final AgroalDataSource dataSource;

    SigningKeyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Row row) throws SQLException {
        String sql = "INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key, created_at) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, row.kid());
            ps.setString(2, row.algorithm().name());
            ps.setString(3, row.publicJwk());
            ps.setString(4, row.sealedPrivateKey());
            ps.setLong(5, row.createdAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Stops every other key of {@code kid}'s algorithm from signing; they stay in the JWKS until retired. */
    public void rotateOutAllBut(TokenAlgorithm algorithm, String kid, Instant at) throws SQLException {
        String sql = "UPDATE signing_keys SET rotated_out_at = ? WHERE algorithm = ? AND kid <> ? AND rotated_out_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, algorithm.name());
            ps.setString(3, kid);
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

    /** Keys still published, newest first; the first one of each algorithm not rotated out signs. */
    public List<Row> published() throws SQLException {
        String sql = """
                SELECT algorithm, kid, public_jwk, private_key, created_at FROM signing_keys
                WHERE retired_at IS NULL ORDER BY (rotated_out_at IS NULL) DESC, created_at DESC""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(TokenAlgorithm.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
            return rows;
        }
    }

    /** Every key whose private half is not sealed under the key-encryption key of {@code prefix}, retired ones too. */
    public List<Sealed> sealedOtherwiseThan(String prefix) throws SQLException {
        String sql = "SELECT kid, private_key FROM signing_keys WHERE private_key NOT LIKE ? ORDER BY kid";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                List<Sealed> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Sealed(rs.getString(1), rs.getString(2)));
                }
                return found;
            }
        }
    }

    /** Replaces a key's sealed private half if it is still {@code old.sealedPrivateKey()}. */
    public boolean reseal(Sealed old, String replacement) throws SQLException {
        String sql = "UPDATE signing_keys SET private_key = ? WHERE kid = ? AND private_key = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, replacement);
            ps.setString(2, old.kid());
            ps.setString(3, old.sealedPrivateKey());
            return ps.executeUpdate() == 1;
        }
    }
}
