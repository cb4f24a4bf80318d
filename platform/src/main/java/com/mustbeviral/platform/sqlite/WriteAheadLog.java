package com.mustbeviral.platform.sqlite;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The SQLite write-ahead log next to the database file, found through the database itself.
 * Opened anew for every sync: SQLite deletes the log when its last connection closes and makes a
 * new one later, and an fsync through an old handle would sync the deleted file. A new log file
 * also needs its directory entry synced, once.
 */
@Singleton
public class WriteAheadLog implements GroupCommit.Log {

    private final AgroalDataSource dataSource;
    private volatile Path database;
    private Object lastLogFile; // the log's inode the directory was synced for; syncs run one at a time

    WriteAheadLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void sync() throws IOException {
        Path db = database();
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        try {
            Object logFile = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
            force(wal, false);
            if (!Objects.equals(logFile, lastLogFile)) {
                force(db.toAbsolutePath().getParent(), true);
                lastLogFile = logFile;
            }
        } catch (NoSuchFileException e) {
            force(db, false); // no log: everything was checkpointed into the database file
        }
    }

    private static void force(Path path, boolean metadata) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(metadata);
        }
    }

    private Path database() throws IOException {
        Path db = database;
        if (db == null) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
                while (rows.next()) {
                    if ("main".equals(rows.getString("name"))) {
                        db = Path.of(rows.getString("file"));
                    }
                }
            } catch (SQLException e) {
                throw new IOException("cannot find the database file", e);
            }
            if (db == null) {
                throw new IOException("the database has no main file");
            }
            database = db;
        }
        return db;
    }
}
