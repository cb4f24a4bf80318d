package com.mustbeviral.content.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 store through the AWS SDK against a real S3-compatible server (s3rver), and the local store alike. */
class S3MediaStoreTest {

    private static S3Server server;
    private static S3MediaStore s3;

    @BeforeAll
    static void start() throws Exception {
        server = S3Server.start("media-test");
        // The SDK's default credential chain reads these system properties (as it reads the environment in production).
        System.setProperty("aws.accessKeyId", S3Server.KEY);
        System.setProperty("aws.secretAccessKey", S3Server.KEY);
        s3 = new S3MediaStore(new MediaSettings.S3() {
            public String bucket() {
                return "media-test";
            }

            public String region() {
                return "us-east-1";
            }

            public Optional<String> endpoint() {
                return Optional.of(server.endpoint());
            }

            public boolean pathStyle() {
                return true;
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void s3StoresReadsRangesAndDeletes() throws Exception {
        roundTrip(s3);
    }

    @Test
    void localStoreBehavesTheSame() throws Exception {
        roundTrip(new LocalMediaStore(Files.createTempDirectory("media")));
    }

    private static void roundTrip(MediaStore store) throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.createTempFile("upload", ".bin");
        Files.write(file, bytes);
        String key = "media/owner/" + java.util.UUID.randomUUID();
        assertFalse(store.exists(key));
        store.put(key, file, "image/png");
        assertTrue(store.exists(key));
        try (InputStream in = store.read(key, 0, bytes.length)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        try (InputStream in = store.read(key, 1000, 500)) {
            assertArrayEquals(Arrays.copyOfRange(bytes, 1000, 1500), in.readAllBytes());
        }
        store.delete(key);
        assertFalse(store.exists(key));
        store.delete(key); // already gone: no error
    }
}
