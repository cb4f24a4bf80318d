package com.mustbeviral.auth.pii;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The encrypted columns seen as stored values, whatever their table: the ones not under a given key,
 * a page at a time in the order of their row keys, and their conditional rewrite. For re-encryption
 * after a key rotation.
 */
@ApplicationScoped
public class EncryptedColumns {

    /** A stored (encrypted) value and the key of its row, as {@link com.mustbeviral.auth.pii.PiiCipher} binds it. */
    public record Stored(String rowKey, String value) {
    }

    private record Location(String table, String rowKey, String column) {
    }

    private final AgroalDataSource dataSource;

    EncryptedColumns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Up to {@code limit} values of the column that do not start with {@code keyPrefix}, with row keys
     * after {@code after} (empty: from the first). NULLs are never returned.
     */
    public List<Stored> notStartingWith(PiiColumn column, String keyPrefix, String after, int limit) throws SQLException {
        Location at = locate(column);
        String sql = "SELECT " + at.rowKey() + " AS row_key, " + at.column() + " FROM " + at.table()
                + " WHERE " + at.rowKey() + " > ? AND " + at.column() + " NOT LIKE ? ORDER BY row_key LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, after);
            ps.setString(2, keyPrefix + "%");
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Stored> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Stored(rs.getString(1), rs.getString(2)));
                }
                return found;
            }
        }
    }

    /** Replaces a value if it is still {@code old} (a concurrent write already used the current key). */
    public boolean replace(PiiColumn column, Stored old, String replacement) throws SQLException {
        Location at = locate(column);
        String sql = "UPDATE " + at.table() + " SET " + at.column() + " = ? WHERE " + at.rowKey() + " = ? AND "
                + at.column() + " = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, replacement);
            ps.setString(2, old.rowKey());
            ps.setString(3, old.value());
            return ps.executeUpdate() == 1;
        }
    }

    private static Location locate(PiiColumn column) {
        return switch (column) {
            case USERS_EMAIL -> new Location("users", "id", "email");
            case SESSIONS_IP_ADDRESS -> new Location("sessions", "id", "ip_address");
            // LinkedAccountRepository.rowKey, in SQL (|| is standard concatenation).
            case OAUTH_ACCOUNTS_EMAIL -> new Location("oauth_accounts", "provider || ':' || provider_user_id", "email");
        };
    }
}
