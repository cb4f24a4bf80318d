package com.mustbeviral.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.pii.TestKeys;
import com.mustbeviral.auth.token.SealedKeyAssertions;
import com.mustbeviral.auth.token.SigningKeyCipher;
import com.mustbeviral.auth.token.SigningKeys;
import com.mustbeviral.auth.token.TokenAlgorithm;
import com.mustbeviral.auth.token.TestKeks;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, hole 6: the token signing keys' private halves at rest. A copy of auth.db (a backup, a
 * stolen file) must not give a key that mints tokens; only the key-encryption key from the
 * environment opens them, and its rotation re-seals every stored key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@Tag("signing-keys-at-rest")
class SigningKeysAtRestTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyCipher cipher;

    @Inject
    Flyway flyway;

    @Test
    void theStoredPrivateKeysHoldNoPkcs8OrJwkPrivateMaterial() throws Exception {
        Map<String, String> stored = privateKeys(dataSource.getConnection());

        assertFalse(stored.isEmpty());
        stored.forEach((kid, value) -> {
            assertTrue(value.startsWith("v1.dev1."), kid + ": " + value);
            assertFalse(value.contains("\"d\""), "no JWK private exponent: " + value);
            SealedKeyAssertions.assertShowsNothingOf(cipher.open(value, kid), value);
        });
    }

    @Test
    void aCopyOfTheDatabaseWithoutTheEnvironmentsKeyYieldsNoSigningKey() throws Exception {
        Path copy = Path.of("target", "auth-copy-" + UUID.randomUUID() + ".db");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("VACUUM INTO '" + copy + "'");
        }
        byte[] file = Files.readAllBytes(copy);
        for (TokenAlgorithm algorithm : TokenAlgorithm.values()) {
            // Each signer's private key appears nowhere in the file, neither as DER nor as base64
            // (a P-256 key's PKCS#8 is short: 67 bytes, more with its public point).
            byte[] signer = keys.signer(algorithm).privateKey().getEncoded();
            String base64 = Base64.getEncoder().encodeToString(signer);
            byte[] lastBytes = Arrays.copyOfRange(signer, signer.length - 32, signer.length);
            byte[] lastBase64 = base64.substring(base64.length() - 60).getBytes(StandardCharsets.US_ASCII);
            assertEquals(-1, SealedKeyAssertions.indexOf(file, lastBytes));
            assertEquals(-1, SealedKeyAssertions.indexOf(file, lastBase64));
        }
        byte[] signer = keys.signer().privateKey().getEncoded();
        // Whoever has the file but not the environment's key (a guessed one under the same id) opens nothing.
        SigningKeyCipher attacker = SigningKeyCipher.with(TestKeks.config(Map.of("dev1", TestKeys.random(32)), "dev1"));
        Map<String, String> stolen = privateKeys(DriverManager.getConnection("jdbc:sqlite:" + copy));
        assertFalse(stolen.isEmpty());
        stolen.forEach((kid, value) -> assertThrows(IllegalStateException.class, () -> attacker.open(value, kid)));
        // The environment's key opens the copy's signer.
        assertArrayEquals(signer, cipher.open(stolen.get(keys.signer().kid()), keys.signer().kid()));
    }

    @Test
    void aRotationOfTheKeyEncryptionKeyReadsTheOldSealsAndReSealsThemUnderTheCurrentKey() throws Exception {
        byte[] pkcs8 = newPrivateKey();
        String kid = "rotated-" + UUID.randomUUID();
        SigningKeyCipher beforeRotation = SigningKeyCipher.with(TestKeks.config(config.kek().keys(), "old1"));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key, created_at, rotated_out_at, retired_at)"
                        + " VALUES (?, 'RS256', '{}', ?, 1, 2, 3)")) {
            ps.setString(1, kid);
            ps.setString(2, beforeRotation.seal(pkcs8, kid));
            ps.executeUpdate();
        }
        assertArrayEquals(pkcs8, cipher.open(privateKeys(dataSource.getConnection()).get(kid), kid), "old seals read");

        int resealed = keys.resealUnderCurrentKek();

        assertTrue(resealed >= 1, "resealed: " + resealed);
        String now = privateKeys(dataSource.getConnection()).get(kid);
        assertTrue(now.startsWith("v1.dev1."), now);
        assertArrayEquals(pkcs8, cipher.open(now, kid));
        SigningKeyCipher withoutOldKey = SigningKeyCipher.with(
                TestKeks.config(Map.of("dev1", config.kek().keys().get("dev1")), "dev1"));
        assertArrayEquals(pkcs8, withoutOldKey.open(now, kid), "the old key can go");
        assertEquals(0, keys.resealUnderCurrentKek(), "a second run finds nothing left");
    }

    @Test
    void v10SealsTheClearKeysOfAnExistingDatabase() throws Exception {
        String url = "jdbc:sqlite:target/v6-" + UUID.randomUUID() + ".db";
        migrate(url, MigrationVersion.fromVersion("6"));
        byte[] pkcs8 = newPrivateKey();
        String clear = Base64.getEncoder().encodeToString(pkcs8);
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key, created_at) VALUES ('k-old', 'RS256', '{}', ?, 1)")) {
            ps.setString(1, clear);
            ps.executeUpdate();
        }

        migrate(url, MigrationVersion.LATEST);

        String sealed = privateKeys(DriverManager.getConnection(url)).get("k-old");
        assertNotEquals(clear, sealed);
        assertTrue(sealed.startsWith("v1.dev1."), sealed);
        assertArrayEquals(pkcs8, cipher.open(sealed, "k-old"));
    }

    private void migrate(String url, MigrationVersion target) {
        Flyway.configure().configuration(flyway.getConfiguration()).dataSource(url, null, null).target(target).load()
                .migrate();
    }

    private static byte[] newPrivateKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair().getPrivate().getEncoded();
    }

    /** Every row's private_key by kid; closes the connection. */
    private static Map<String, String> privateKeys(Connection connection) throws SQLException {
        try (Connection c = connection; Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT kid, private_key FROM signing_keys")) {
            Map<String, String> found = new LinkedHashMap<>();
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
            return found;
        }
    }
}
