package com.mustbeviral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mustbeviral.auth.persistence.GroupCommit;
import com.mustbeviral.auth.persistence.WriteAheadLog;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * SQLite commits without an fsync of its own (synchronous=NORMAL), so an answered write must have
 * waited for a group fsync of the log. Here the log's fsync can be held back: while it is, writes
 * commit but are not answered.
 */
@QuarkusTest
@TestProfile(GroupCommitWiringTest.HeldLog.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class GroupCommitWiringTest {

    public static class HeldLog implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(GatedLog.class);
        }
    }

    /** The real log, whose fsync waits while the gate is shut. */
    @Alternative
    @Singleton
    public static class GatedLog implements GroupCommit.Log {
        private final WriteAheadLog log;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedLog(WriteAheadLog log) {
            this.log = log;
        }

        void shut() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public void sync() throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            log.sync();
        }
    }

    @Inject
    GatedLog log;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sqliteLeavesTheFsyncToTheGroupCommit() throws SQLException {
        assertEquals("1", pragma("synchronous"), "NORMAL");
        assertEquals("wal", pragma("journal_mode"));
    }

    @Test
    void aLoginIsAnsweredOnlyAfterTheLogReachedTheDisk() throws Exception {
        String username = Accounts.register();
        log.shut();
        try {
            CompletableFuture<Response> login = CompletableFuture.supplyAsync(() -> Accounts.login(username));
            assertThrows(TimeoutException.class, () -> login.get(1, TimeUnit.SECONDS), "answered before the fsync");
            log.open();
            assertEquals(200, login.get(10, TimeUnit.SECONDS).statusCode());
        } finally {
            log.open();
        }
    }

    private String pragma(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
