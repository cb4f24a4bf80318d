package com.mustbeviral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.pii.EmailIndex;
import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * V6 on a database of V5 holding plaintext rows, as a developer's local file does: every email and
 * IP address is encrypted and indexed in place, nothing is lost, and the clear copy is gone.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class PiiMigrationTest {

    private static final String USER = "6a1f8e0c-3b2d-4c5e-8f90-112233445566";
    private static final String SESSION = "7b2f9e1d-4c3e-4d6f-9a01-223344556677";

    // The application's Flyway: its configuration knows Quarkus' lists of migration files and classes.
    @Inject
    Flyway flyway;

    @Inject
    PiiCipher cipher;

    @Inject
    EmailIndex emailIndex;

    @Test
    void v6EncryptsAndIndexesTheRowsOfAnExistingDatabase() throws Exception {
        String url = "jdbc:sqlite:target/v5-" + UUID.randomUUID() + ".db";
        migrate(url, MigrationVersion.fromVersion("5"));
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO users (id, email, email_normalized, username, username_normalized, display_name, role,"
                    + " created_at, updated_at) VALUES ('" + USER + "', 'Ada@Example.com', 'ada@example.com', 'ada', 'ada',"
                    + " 'Ada', 'creator', 1, 1)");
            st.execute("INSERT INTO sessions (id, user_id, refresh_token_hash, token_family, ip_address, created_at,"
                    + " last_activity_at, expires_at) VALUES ('" + SESSION + "', '" + USER + "', 'h', 'f', '203.0.113.7',"
                    + " 1, 1, 2)");
            st.execute("INSERT INTO oauth_accounts (provider, provider_user_id, user_id, email, linked_at)"
                    + " VALUES ('github', '583231', '" + USER + "', 'ada@users.github.test', 1)");
        }

        migrate(url, MigrationVersion.LATEST);

        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            String email = single(st, "SELECT email FROM users");
            // The ciphertext's base64url holds "ada" by chance (~0.2 % of these values), never an "@".
            assertFalse(email.toLowerCase().contains("ada@example"), email);
            assertEquals("Ada@Example.com", cipher.decrypt(email, PiiColumn.USERS_EMAIL, USER));
            assertEquals(emailIndex.of("ada@example.com"), single(st, "SELECT email_index FROM users"));
            String ip = single(st, "SELECT ip_address FROM sessions");
            assertFalse(ip.contains("203.0.113.7"), ip);
            assertEquals("203.0.113.7", cipher.decrypt(ip, PiiColumn.SESSIONS_IP_ADDRESS, SESSION));
            String linked = single(st, "SELECT email FROM oauth_accounts");
            assertEquals("ada@users.github.test", cipher.decrypt(linked, PiiColumn.OAUTH_ACCOUNTS_EMAIL, "github:583231"));
            assertFalse(columns(st, "users").contains("email_normalized"), "the clear lower-cased copy is dropped");
            // The blind index keeps emails unique.
            assertThrows(SQLException.class, () -> st.execute("INSERT INTO users (id, email, email_index, username,"
                    + " username_normalized, display_name, role, created_at, updated_at) VALUES ('x', 'e', '"
                    + emailIndex.of("ADA@example.com") + "', 'ada2', 'ada2', 'Ada', 'creator', 1, 1)"));
        }
    }

    private void migrate(String url, MigrationVersion target) {
        Flyway.configure().configuration(flyway.getConfiguration()).dataSource(url, null, null).target(target).load()
                .migrate();
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String value = rs.getString(1);
            assertFalse(rs.next(), "one row expected: " + sql);
            return value;
        }
    }

    private static List<String> columns(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
            return names;
        }
    }
}
