package com.mustbeviral.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.platform.revocation.SessionRevocation;
import io.agroal.api.AgroalDataSource;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revoked sessions on a real SQLite file with the platform's migration: answered from memory,
 * the same after a restart (a new instance on the same file), forgotten in both once they end.
 */
class RevokedSessionsTableTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final int SKEW_SECONDS = 30;

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void database() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("service.db");
        try (Connection c = DriverManager.getConnection(url); Statement statement = c.createStatement();
                InputStream in = getClass().getResourceAsStream("/db/platform/V0_3__revoked_sessions.sql")) {
            statement.executeUpdate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRevokedSessionIsRefusedUntilItsTokensExpiryPlusTheSkewAndNoOtherIs() throws Exception {
        RevokedSessionsTable table = table(NOW);
        table.revoke(new SessionRevocation("s-1", NOW.plusSeconds(60)));

        assertTrue(table.isRevoked("s-1"));
        assertFalse(table.isRevoked("s-2"));
        assertTrue(table(NOW.plusSeconds(60 + SKEW_SECONDS - 1)).isRevoked("s-1"));
        assertFalse(table(NOW.plusSeconds(60 + SKEW_SECONDS)).isRevoked("s-1"));
    }

    @Test
    void aRestartStartsFromTheTable() throws Exception {
        table(NOW).revoke(new SessionRevocation("s-1", NOW.plusSeconds(60)));

        assertTrue(table(NOW).isRevoked("s-1"), "a new instance on the same file");
    }

    @Test
    void aLaterExpiryWinsAndAnEarlierOneChangesNothing() throws Exception {
        RevokedSessionsTable table = table(NOW);
        table.revoke(new SessionRevocation("s-1", NOW.plusSeconds(60)));
        table.revoke(new SessionRevocation("s-1", NOW.plusSeconds(600)));
        table.revoke(new SessionRevocation("s-1", NOW.plusSeconds(10)));

        Instant later = NOW.plusSeconds(300);
        assertTrue(table(later).isRevoked("s-1"), "the table");
        assertEquals(NOW.plusSeconds(600 + SKEW_SECONDS).toEpochMilli(), tokensExpireBy("s-1"));
    }

    @Test
    void anEndedRevocationIsForgottenInTheTableAndInMemory() throws Exception {
        MovableClock clock = new MovableClock(NOW);
        RevokedSessionsTable table = new RevokedSessionsTable(dataSource(), clock, SKEW_SECONDS, 0);
        table.revoke(new SessionRevocation("s-1", NOW.plusSeconds(60)));
        assertTrue(table.isRevoked("s-1"));

        clock.now = NOW.plus(Duration.ofMinutes(5));
        assertFalse(table.isRevoked("s-1"), "its refusal ended");
        table.revoke(new SessionRevocation("s-2", clock.now.plusSeconds(60)));
        table.forgetExpired();

        assertEquals(-1, tokensExpireBy("s-1"));
        assertTrue(table.isRevoked("s-2"));
        clock.now = NOW;
        assertFalse(table.isRevoked("s-1"), "gone from memory too, not only past its end");
    }

    private RevokedSessionsTable table(Instant now) {
        return new RevokedSessionsTable(dataSource(), Clock.fixed(now, ZoneOffset.UTC), SKEW_SECONDS, 0);
    }

    private long tokensExpireBy(String sessionId) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT tokens_expire_by FROM revoked_sessions WHERE session_id = '" + sessionId + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** A datasource handing out a new autocommit connection to the file each time, as the pool does outside a transaction. */
    private AgroalDataSource dataSource() {
        return (AgroalDataSource) Proxy.newProxyInstance(AgroalDataSource.class.getClassLoader(),
                new Class<?>[] {AgroalDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(url);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
