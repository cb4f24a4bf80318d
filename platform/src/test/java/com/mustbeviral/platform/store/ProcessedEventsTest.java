package com.mustbeviral.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch claim on a real SQLite file with the platform's migration: the caller's transaction is
 * one connection that the test commits or rolls back, as a consumer's JTA transaction would.
 */
class ProcessedEventsTest {

    @TempDir
    Path dir;

    private Connection connection;
    private ProcessedEvents processed;

    @BeforeEach
    void database() throws Exception {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("service.db"));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(migration("V0_2__processed_events.sql"));
        }
        connection.setAutoCommit(false);
        processed = new ProcessedEvents(inTransaction(connection),
                Clock.fixed(Instant.parse("2026-12-04T22:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aBatchClaimsItsNewIdsOnceEachAndSkipsWhatWasClaimedBefore() throws Exception {
        assertTrue(processed.claim("a"));
        connection.commit();

        Set<String> claimed = processed.claimAll(List.of("a", "b", "c", "b", "d", "c"));
        connection.commit();

        assertEquals(Set.of("b", "c", "d"), claimed);
        assertEquals(4, rows());
    }

    @Test
    void aRedeliveredBatchClaimsNothing() throws Exception {
        processed.claimAll(List.of("a", "b", "c"));
        connection.commit();

        assertEquals(Set.of(), processed.claimAll(List.of("c", "a", "b")));
        assertFalse(processed.claim("b"));
        assertEquals(3, rows());
    }

    @Test
    void aBatchLargerThanOneStatementIsClaimedWhole() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ProcessedEvents.IDS_PER_STATEMENT * 2 + 17; i++) {
            ids.add("event-" + i);
        }
        processed.claim("event-" + ProcessedEvents.IDS_PER_STATEMENT); // the first of the second statement
        List<String> withRepeats = new ArrayList<>(ids);
        withRepeats.addAll(ids.subList(0, 40)); // repeated after the first statement's boundary

        Set<String> claimed = processed.claimAll(withRepeats);
        connection.commit();

        Set<String> expected = new HashSet<>(ids);
        expected.remove("event-" + ProcessedEvents.IDS_PER_STATEMENT);
        assertEquals(expected, claimed);
        assertEquals(ids.size(), rows());
    }

    @Test
    void aRolledBackBatchLeavesNoClaimBehind() throws Exception {
        processed.claimAll(List.of("a", "b"));
        connection.rollback();

        assertEquals(0, rows());
        assertEquals(Set.of("a", "b"), processed.claimAll(List.of("a", "b")));
    }

    @Test
    void anEmptyBatchClaimsNothing() throws Exception {
        assertEquals(Set.of(), processed.claimAll(List.of()));
        assertEquals(0, rows());
    }

    private int rows() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM processed_events")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = ProcessedEventsTest.class.getResourceAsStream("/db/platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A datasource that hands out the one connection of the test's transaction and leaves it open
     * when the caller closes it, as Agroal does with the connection enlisted in a JTA transaction.
     */
    private static AgroalDataSource inTransaction(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (AgroalDataSource) Proxy.newProxyInstance(AgroalDataSource.class.getClassLoader(),
                new Class<?>[] {AgroalDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
