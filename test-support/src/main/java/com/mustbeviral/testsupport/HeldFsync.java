package com.mustbeviral.testsupport;

import com.mustbeviral.platform.sqlite.GroupCommit;
import com.mustbeviral.platform.sqlite.WriteAheadLog;
import javax.sql.DataSource;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The service's real write-ahead log, whose fsync can be held back: while it is, writes commit but
 * must not be answered (the platform's group commit). Enabled by the test profile {@link Profile}.
 */
@Alternative
@Singleton
public class HeldFsync implements GroupCommit.Log {

    /** A test profile with the held log in place of the real one. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HeldFsync.class);
        }
    }

    private final WriteAheadLog log;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    HeldFsync(WriteAheadLog log) {
        this.log = log;
    }

    /** From now on, syncs wait until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
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

    /** A pragma of the service's database, e.g. {@code synchronous} (1 = NORMAL) or {@code journal_mode}. */
    public static String pragma(DataSource dataSource, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
