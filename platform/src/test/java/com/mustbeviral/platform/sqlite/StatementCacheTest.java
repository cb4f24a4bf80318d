package com.mustbeviral.platform.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements kept per physical SQLite connection, on a real file: reused there, never shared between connections. */
class StatementCacheTest {

    private static final String INSERT = "INSERT INTO notes (id, text) VALUES (?, ?)";

    @TempDir
    Path dir;

    @Test
    void aConnectionGetsItsStatementBackAndEachUseWritesWhatItBound() throws SQLException {
        try (Connection c = open()) {
            PreparedStatement first = insert(c, 1, "one");
            PreparedStatement again = insert(c, 2, "two");

            assertSame(first, again);
            assertEquals("1 one, 2 two", notes(c));
        }
    }

    @Test
    void anotherConnectionPreparesItsOwn() throws SQLException {
        try (Connection a = open(); Connection b = open()) {
            assertNotSame(StatementCache.prepared(a, INSERT), StatementCache.prepared(b, INSERT));
        }
    }

    @Test
    void aStatementClosedByMistakeIsPreparedAgain() throws SQLException {
        try (Connection c = open()) {
            PreparedStatement closed = StatementCache.prepared(c, INSERT);
            closed.close();
            PreparedStatement fresh = insert(c, 3, "three");

            assertNotSame(closed, fresh);
            assertEquals("3 three", notes(c));
        }
    }

    /** One note written through the cached statement, which is returned. */
    private static PreparedStatement insert(Connection c, long id, String text) throws SQLException {
        PreparedStatement ps = StatementCache.prepared(c, INSERT);
        ps.setLong(1, id);
        ps.setString(2, text);
        ps.executeUpdate();
        return ps;
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db"));
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        }
        return c;
    }

    private static String notes(Connection c) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, text FROM notes ORDER BY id")) {
            while (rs.next()) {
                all.append(all.isEmpty() ? "" : ", ").append(rs.getLong(1)).append(' ').append(rs.getString(2));
            }
        }
        return all.toString();
    }
}
