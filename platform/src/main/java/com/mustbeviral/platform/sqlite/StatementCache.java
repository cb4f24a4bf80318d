package com.mustbeviral.platform.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Statements of hot paths, prepared once per SQLite connection rather than once per use. On the write
 * path a write runs on the one writer's turn ({@link WriterQueue}), where compiling statements held
 * everyone up (content-service's INSERT with the search triggers was a quarter of a create's SQLite time,
 * the outbox row's 2.3 % of its writer thread; deploy/bench/README.md, issue 14); a read that every
 * request of a kind makes spent a third or more of its CPU compiling (analytics' dashboard reads, issue
 * 16). Only fixed SQL belongs here: one statement is kept per distinct string. Agroal has no statement
 * cache and closes a statement with its pooled handle, so the statements are prepared on the physical
 * connection and kept with it: a caller binds every parameter, executes, closes any result set, and never
 * closes the statement. A pooled connection is used by one thread at a time, and so is its statements' map.
 */
public final class StatementCache {

    private static final Map<SQLiteConnection, Map<String, PreparedStatement>> BY_CONNECTION = new ConcurrentHashMap<>();

    private StatementCache() {
    }

    /** {@code sql} prepared on the physical connection under {@code pooled}, prepared at its first use there. */
    public static PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
        SQLiteConnection raw = pooled.unwrap(SQLiteConnection.class);
        Map<String, PreparedStatement> statements = BY_CONNECTION.get(raw);
        if (statements == null) {
            forgetClosed();
            statements = new HashMap<>();
            BY_CONNECTION.put(raw, statements);
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = raw.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Drops the statements of connections the pool has closed (idle removal), whose statements are gone with them. */
    private static void forgetClosed() throws SQLException {
        for (SQLiteConnection c : BY_CONNECTION.keySet()) {
            if (c.isClosed()) {
                BY_CONNECTION.remove(c);
            }
        }
    }
}
