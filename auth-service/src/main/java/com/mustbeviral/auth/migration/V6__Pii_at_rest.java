package com.mustbeviral.auth.migration;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.pii.EmailIndex;
import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import com.mustbeviral.auth.pii.PiiKeys;
import com.mustbeviral.auth.social.repository.LinkedAccountRepository;
import io.smallrye.config.SmallRyeConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Email and IP addresses encrypted at rest, and the email's blind index in place of
 * {@code email_normalized}. A Java migration, not SQL: the rows already there (a developer's local
 * data) are encrypted with the configured keys in the same transaction as the schema change, so the
 * database is never half converted and the new code never meets a plaintext value.
 */
// "implements JavaMigration" again on purpose: Quarkus finds Java migrations in its Jandex index by
// that interface, and flyway-core (where BaseJavaMigration implements it) is not indexed.
public class V6__Pii_at_rest extends BaseJavaMigration implements JavaMigration {

    private record Row(String key, String value, String secondKey) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        AuthConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(AuthConfig.class);
        PiiKeys keys = PiiKeys.from(config.pii());
        PiiCipher cipher = PiiCipher.with(keys);
        EmailIndex emailIndex = EmailIndex.with(keys);
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            // Nullable only because SQLite cannot add a NOT NULL column without a default to a filled
            // table; every row gets its index below and UserRepository always writes it.
            st.execute("ALTER TABLE users ADD COLUMN email_index TEXT");
        }
        for (Row row : rows(c, "SELECT id, email, NULL FROM users")) {
            update(c, "UPDATE users SET email = ?, email_index = ? WHERE id = ?",
                    cipher.encrypt(row.value(), PiiColumn.USERS_EMAIL, row.key()), emailIndex.of(row.value()), row.key());
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE UNIQUE INDEX ux_users_email_index ON users (email_index)");
            // Replaced by the blind index; a lower-cased copy would keep every address in clear.
            st.execute("DROP INDEX ux_users_email");
            st.execute("ALTER TABLE users DROP COLUMN email_normalized");
        }
        for (Row row : rows(c, "SELECT id, ip_address, NULL FROM sessions WHERE ip_address IS NOT NULL")) {
            update(c, "UPDATE sessions SET ip_address = ? WHERE id = ?",
                    cipher.encrypt(row.value(), PiiColumn.SESSIONS_IP_ADDRESS, row.key()), row.key());
        }
        for (Row row : rows(c, "SELECT provider, email, provider_user_id FROM oauth_accounts WHERE email IS NOT NULL")) {
            String key = LinkedAccountRepository.rowKey(row.key(), row.secondKey());
            update(c, "UPDATE oauth_accounts SET email = ? WHERE provider = ? AND provider_user_id = ?",
                    cipher.encrypt(row.value(), PiiColumn.OAUTH_ACCOUNTS_EMAIL, key), row.key(), row.secondKey());
        }
    }

    private static List<Row> rows(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return rows;
        }
    }

    private static void update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
