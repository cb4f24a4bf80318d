package com.mustbeviral.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged fleet, started and stopped through {@code deploy/local/fleet.sh} exactly as a
 * developer runs it, but on ports shifted by {@link #PORT_OFFSET} and with its own data folder, so
 * that it never meets a fleet already running on this machine.
 */
final class Fleet {

    /** 10000 unless {@code -Dfleet.port-offset} says otherwise (two runs on one machine). */
    static final int PORT_OFFSET = Integer.getInteger("fleet.port-offset", 10000);
    static final int GATEWAY_PORT = 8080 + PORT_OFFSET;
    /** The gateway's management interface (health, metrics, Swagger UI), off its public port. */
    static final int GATEWAY_MANAGEMENT_PORT = 9000 + PORT_OFFSET;
    static final int CONTENT_PORT = 8082 + PORT_OFFSET;
    static final int MAIL_API_PORT = 8025 + PORT_OFFSET;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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
     * The bootstrap admin's username and password, as {@code fleet.sh up} made them for auth-service
     * (its first login must replace the password).
     */
    Map<String, String> bootstrapAdmin() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("data").resolve("auth-service").resolve("bootstrap-admin.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return Map.of("username", env.get("AUTH_BOOTSTRAP_ADMIN_USERNAME"), "password",
                env.get("AUTH_BOOTSTRAP_ADMIN_PASSWORD"));
    }

    /**
     * The plain-text bodies of the mail the fleet's SMTP sink (GreenMail) holds for an address, oldest
     * first, read through its REST API as a developer would.
     */
    List<String> mailTo(String address) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + MAIL_API_PORT + "/api/user/" + address + "/messages/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return List.of();
        }
        List<String> bodies = new ArrayList<>();
        for (JsonNode message : JSON.readTree(answer.body())) {
            bodies.add(quotedPrintableDecoded(message.get("mimeMessage").asText()));
        }
        return bodies;
    }

    /** Enough of RFC 2045's quoted-printable for a link: soft line breaks and encoded '='. */
    private static String quotedPrintableDecoded(String mime) {
        return mime.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
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
        // Every account of the run is registered and logs in from this one address, more than the
        // production limits (5 registrations per 10 minutes, 10 logins a minute) allow; the services
        // inherit fleet.sh's environment, so the gateway reads it. The limits have tests of their own.
        pb.environment().put("GATEWAY_RATE_LIMIT_ROUTES_REGISTER_LIMIT", "100");
        pb.environment().put("GATEWAY_RATE_LIMIT_ROUTES_LOGIN_LIMIT", "200");
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
