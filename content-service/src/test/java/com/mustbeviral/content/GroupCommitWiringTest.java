package com.mustbeviral.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mustbeviral.content.usage.Feature;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.content.usage.Reservation;
import com.mustbeviral.testsupport.HeldFsync;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * content-service writes through the platform's group commit: SQLite commits without an fsync of its
 * own (synchronous=NORMAL), so a create is answered only once a group fsync of the log has finished.
 */
@QuarkusTest
@TestProfile(HeldFsync.Profile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class GroupCommitWiringTest {

    @Inject
    HeldFsync fsync;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UsageMeter meter;

    @Test
    void sqliteLeavesTheFsyncToTheGroupCommit() throws SQLException {
        assertEquals("1", HeldFsync.pragma(dataSource, "synchronous"), "NORMAL");
        assertEquals("wal", HeldFsync.pragma(dataSource, "journal_mode"));
    }

    @Test
    void aCreateIsAnsweredOnlyAfterTheLogReachedTheDisk() throws Exception {
        Authors author = Authors.creator();
        author.draft("Warm-up"); // the service's first request is slow; this one times only the fsync
        fsync.hold();
        try {
            CompletableFuture<Response> create = CompletableFuture.supplyAsync(
                    () -> author.create("Durable", "A body long enough to pass the rules."));
            assertThrows(TimeoutException.class, () -> create.get(1, TimeUnit.SECONDS), "answered before the fsync");
            fsync.release();
            assertEquals(201, create.get(30, TimeUnit.SECONDS).statusCode());
        } finally {
            fsync.release();
        }
    }

    @Test
    void aTransactionOfItsOwnTakesItsTurnAndWaitsForTheFsyncToo() throws Exception {
        // UsageMeter.reserve is @Transactional(REQUIRES_NEW), as the consumers' transactions are.
        fsync.hold();
        try {
            CompletableFuture<Reservation> reserved = CompletableFuture.supplyAsync(() -> {
                try {
                    return meter.reserve(UUID.randomUUID(), Feature.AI_GENERATIONS);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThrows(TimeoutException.class, () -> reserved.get(1, TimeUnit.SECONDS), "returned before the fsync");
            fsync.release();
            meter.release(reserved.get(30, TimeUnit.SECONDS));
        } finally {
            fsync.release();
        }
    }
}
