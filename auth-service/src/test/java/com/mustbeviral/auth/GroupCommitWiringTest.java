package com.mustbeviral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mustbeviral.testsupport.HeldFsync;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * SQLite commits without an fsync of its own (synchronous=NORMAL), so an answered write must have
 * waited for a group fsync of the log. Here the log's fsync can be held back: while it is, writes
 * commit but are not answered.
 */
@QuarkusTest
@TestProfile(HeldFsync.Profile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class GroupCommitWiringTest {

    @Inject
    HeldFsync fsync;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sqliteLeavesTheFsyncToTheGroupCommit() throws SQLException {
        assertEquals("1", HeldFsync.pragma(dataSource, "synchronous"), "NORMAL");
        assertEquals("wal", HeldFsync.pragma(dataSource, "journal_mode"));
    }

    @Test
    void aLoginIsAnsweredOnlyAfterTheLogReachedTheDisk() throws Exception {
        String username = Accounts.register();
        fsync.hold();
        try {
            CompletableFuture<Response> login = CompletableFuture.supplyAsync(() -> Accounts.login(username));
            assertThrows(TimeoutException.class, () -> login.get(1, TimeUnit.SECONDS), "answered before the fsync");
            fsync.release();
            assertEquals(200, login.get(10, TimeUnit.SECONDS).statusCode());
        } finally {
            fsync.release();
        }
    }
}
