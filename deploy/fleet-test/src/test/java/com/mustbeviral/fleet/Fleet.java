package com.mustbeviral.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged fleet, started and stopped through {@code deploy/local/fleet.sh} exactly as a
 * developer runs it, but on ports shifted by {@link #PORT_OFFSET} and with its own data folder, so
 * that it never meets a fleet already running on this machine.
 */
final class Fleet {

    static final int PORT_OFFSET = 10000;
    static final int GATEWAY_PORT = 8080 + PORT_OFFSET;
    /** The gateway's management interface (health, metrics, Swagger UI), off its public port. */
    static final int GATEWAY_MANAGEMENT_PORT = 9000 + PORT_OFFSET;
    static final int CONTENT_PORT = 8082 + PORT_OFFSET;

    private final Path root = Path.of(System.getProperty("fleet.root", "../..")).toAbsolutePath().normalize();
    private final Path dir = Path.of(System.getProperty("fleet.dir", "target/fleet")).toAbsolutePath();

    void up() throws IOException, InterruptedException {
        run("up");
    }

    void down() throws IOException, InterruptedException {
        run("down");
    }

    void stop(String component) throws IOException, InterruptedException {
        run("stop", component);
    }

    void start(String component) throws IOException, InterruptedException {
        run("start", component);
    }

    /** Deletes the data of an earlier run, so every run starts empty. */
    void wipe() throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Makes an account an admin in auth-service's SQLite file, as an operator would: no API can make
     * the first admin. Its next login carries the role.
     */
    void makeAdmin(String username) throws SQLException {
        Path file = dir.resolve("data").resolve("auth-service").resolve("auth.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?busy_timeout=5000");
                PreparedStatement ps = c.prepareStatement("UPDATE users SET role = 'admin' WHERE username = ?")) {
            ps.setString(1, username);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no account " + username);
            }
        }
    }

    /** A count from a service's own SQLite file, read-only (WAL lets a reader in beside the writer). */
    long count(String service, String database, String sql, String arg) throws SQLException {
        Path file = dir.resolve("data").resolve(service).resolve(database);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("deploy/local/fleet.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        pb.environment().put("FLEET_PORT_OFFSET", String.valueOf(PORT_OFFSET));
        pb.environment().put("FLEET_DIR", dir.toString());
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("fleet.sh " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("fleet.sh " + String.join(" ", args) + " failed with " + process.exitValue());
        }
    }
}
