package com.mustbeviral.auth;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import com.mustbeviral.auth.pii.PiiKeyRotation;
import com.mustbeviral.auth.pii.PiiKeys;
import com.mustbeviral.auth.pii.TestKeys;
import com.mustbeviral.auth.social.repository.LinkedAccountRepository;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Email and IP addresses at rest: what the database file holds (read raw with JDBC) is ciphertext
 * under the current key, what owners see is the address, and values under a retired key still read.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class PiiAtRestTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    @Inject
    PiiCipher cipher;

    @Inject
    PiiKeyRotation rotation;

    @Test
    void theEmailIsStoredEncryptedAndShownToItsOwner() throws Exception {
        String username = Accounts.register();
        String email = username + "@example.com";

        String stored = column("SELECT email FROM users WHERE username = ?", username);
        String index = column("SELECT email_index FROM users WHERE username = ?", username);

        assertTrue(stored.startsWith("v1.dev1."), stored);
        assertFalse(stored.toLowerCase(Locale.ROOT).contains(username), stored);
        assertFalse(stored.contains("example.com"), stored);
        assertFalse(index.contains(username), index);
        given().auth().oauth2(token(username)).get("/api/users/me").then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void theSessionsIpAddressIsStoredEncryptedAndListedToItsOwner() throws Exception {
        String username = Accounts.register();
        String ip = Accounts.newIp();
        Response login = Accounts.login("username", username, Accounts.PASSWORD, ip);
        String sid = Tokens.claim(login.path("access_token"), "sid");

        String stored = column("SELECT ip_address FROM sessions WHERE id = ?", sid);

        assertTrue(stored.startsWith("v1.dev1."), stored);
        assertFalse(stored.contains(ip), stored);
        given().auth().oauth2(login.<String>path("access_token")).get("/api/auth/sessions").then().statusCode(200)
                .body("data.find { it.id == '" + sid + "' }.ip_address", equalTo(ip));
    }

    @Test
    void anEmailUnderARetiredKeyIsStillReadAndFoundAndNewWritesUseTheCurrentKey() throws Exception {
        String username = Accounts.register();
        String id = column("SELECT id FROM users WHERE username = ?", username);
        update("UPDATE users SET email = ? WHERE id = ?",
                retired().encrypt(username + "@example.com", PiiColumn.USERS_EMAIL, id), id);

        Response login = Accounts.login("email", username.toUpperCase(Locale.ROOT) + "@example.com", Accounts.PASSWORD,
                Accounts.newIp());

        login.then().statusCode(200);
        given().auth().oauth2(login.<String>path("access_token")).get("/api/users/me").then().statusCode(200)
                .body("email", equalTo(username + "@example.com"));
        String sid = Tokens.claim(login.path("access_token"), "sid");
        assertTrue(column("SELECT ip_address FROM sessions WHERE id = ?", sid).startsWith("v1.dev1."));
    }

    @Test
    void theKeyRotationRewritesWhatARetiredKeyEncryptedUnderTheCurrentOne() throws Exception {
        String username = Accounts.register();
        String id = column("SELECT id FROM users WHERE username = ?", username);
        String sid = Tokens.claim(Accounts.login(username).path("access_token"), "sid");
        update("UPDATE users SET email = ? WHERE id = ?",
                retired().encrypt(username + "@example.com", PiiColumn.USERS_EMAIL, id), id);
        update("UPDATE sessions SET ip_address = ? WHERE id = ?",
                retired().encrypt("198.51.100.23", PiiColumn.SESSIONS_IP_ADDRESS, sid), sid);
        String githubId = Long.toString(System.nanoTime());
        String linkKey = LinkedAccountRepository.rowKey("github", githubId);
        update("INSERT INTO oauth_accounts (provider, provider_user_id, user_id, email, linked_at) VALUES ('github', ?, ?, ?, 1)",
                githubId, id, retired().encrypt("octo@users.github.test", PiiColumn.OAUTH_ACCOUNTS_EMAIL, linkKey));

        int rewritten = rotation.reencryptAll();

        assertTrue(rewritten >= 3, "rewritten: " + rewritten);
        String linked = column("SELECT email FROM oauth_accounts WHERE provider_user_id = ?", githubId);
        assertTrue(linked.startsWith("v1.dev1."), linked);
        assertEquals("octo@users.github.test", cipher.decrypt(linked, PiiColumn.OAUTH_ACCOUNTS_EMAIL, linkKey));
        String email = column("SELECT email FROM users WHERE id = ?", id);
        assertTrue(email.startsWith("v1.dev1."), email);
        assertEquals(username + "@example.com", cipher.decrypt(email, PiiColumn.USERS_EMAIL, id));
        String stored = column("SELECT ip_address FROM sessions WHERE id = ?", sid);
        assertTrue(stored.startsWith("v1.dev1."), stored);
        assertEquals("198.51.100.23", cipher.decrypt(stored, PiiColumn.SESSIONS_IP_ADDRESS, sid));
        assertEquals(0, rotation.reencryptAll(), "a second run finds nothing left");
    }

    @Test
    void anEmailMovedFromAnotherAccountFailsTheRequestInsteadOfShowingIt() throws Exception {
        String victim = Accounts.register();
        String mover = Accounts.register();
        String token = token(mover);
        update("UPDATE users SET email = (SELECT email FROM users WHERE username = ?) WHERE username = ?", victim, mover);

        Response me = given().auth().oauth2(token).get("/api/users/me");

        assertProblem(me.then(), 500);
        assertFalse(me.asString().contains(victim), me.asString());
    }

    @Test
    void aTamperedIpAddressFailsTheListInsteadOfShowingGarbage() throws Exception {
        String username = Accounts.register();
        Response login = Accounts.login(username);
        String sid = Tokens.claim(login.path("access_token"), "sid");
        String stored = column("SELECT ip_address FROM sessions WHERE id = ?", sid);
        // A character in the middle: every bit of it is data (the last one may hold padding bits).
        int at = stored.length() - 12;
        String tampered = stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);
        update("UPDATE sessions SET ip_address = ? WHERE id = ?", tampered, sid);

        assertProblem(given().auth().oauth2(login.<String>path("access_token")).get("/api/auth/sessions").then(), 500);
    }

    /** A cipher whose current key is the retired test key old1, as before a rotation. */
    private PiiCipher retired() {
        return PiiCipher.with(PiiKeys.from(TestKeys.config(config.pii().keys(), "old1",
                config.pii().emailIndexKey().orElseThrow())));
    }

    private static String token(String username) {
        return Accounts.login(username).path("access_token");
    }

    private String column(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for " + arg);
                return rs.getString(1);
            }
        }
    }

    private void update(String sql, String... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            assertEquals(1, ps.executeUpdate());
        }
    }
}
