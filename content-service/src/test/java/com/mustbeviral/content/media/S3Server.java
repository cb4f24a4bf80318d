package com.mustbeviral.content.media;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: s3rver (npm), installed into target/ on first use and run
 * as a child process on a free port with one bucket. Credentials are s3rver's fixed S3RVER/S3RVER.
 */
final class S3Server implements AutoCloseable {

    static final String VERSION = "3.7.1";
    static final String KEY = "S3RVER";

    final int port;
    private final Process process;

    private S3Server(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static S3Server start(String bucket) throws IOException, InterruptedException {
        Path home = Path.of("target", "s3rver").toAbsolutePath();
        Path script = home.resolve("node_modules/s3rver/bin/s3rver.js");
        if (!Files.exists(script)) {
            Files.createDirectories(home);
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", home.toString(),
                    "s3rver@" + VERSION).redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-install.log").toFile()).start();
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IOException("npm install s3rver@" + VERSION + " failed");
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory(home, "data");
        Process process = new ProcessBuilder("node", script.toString(), "-d", data.toString(), "-a", "127.0.0.1", "-p",
                String.valueOf(port), "--silent", "--no-vhost-buckets", "--configure-bucket", bucket)
                .redirectErrorStream(true).redirectOutput(home.resolve("s3rver.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new S3Server(port, process);
            } catch (IOException notYet) {
                Thread.sleep(100); // waiting for a child process to listen, not for time to pass in a test
            }
        }
        process.destroyForcibly();
        throw new IOException("s3rver did not listen on " + port);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
