package com.mustbeviral.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class BodyStreamingTest {

    private static final int LIMIT = 10 * 1024 * 1024; // quarkus.http.limits.max-body-size=10M
    private static final int MIB = 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void deliversAFiveMebibyteRequestBodyIntact() {
        byte[] body = randomBytes(5 * MIB);
        Calls.asUser().contentType("application/octet-stream").body(body)
                .post("/api/media")
                .then()
                .statusCode(200)
                .body("body_length", equalTo(body.length))
                .body("body_sha256", equalTo(sha256(body)));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        byte[] body = randomBytes(LIMIT);
        Calls.asUser().contentType("application/octet-stream").body(body)
                .post("/api/media")
                .then()
                .statusCode(200)
                .body("body_length", equalTo(LIMIT));
    }

    @Test
    void deliversAChunkedUpstreamResponseIntact() {
        int chunks = 64;
        int chunkSize = 64 * 1024;
        var response = Calls.asUser().get("/api/content/export?chunks=" + chunks + "&chunk_size=" + chunkSize);
        response.then().statusCode(200).header("Transfer-Encoding", "chunked").header("Content-Length", nullValue());

        byte[] bytes = response.asByteArray();
        assertEquals(chunks * chunkSize, bytes.length);
        for (int i = 0; i < chunks; i++) {
            assertArrayEquals(FakeUpstream.chunk(i, chunkSize),
                    Arrays.copyOfRange(bytes, i * chunkSize, (i + 1) * chunkSize), "chunk " + i);
        }
    }

    @Test
    void streamsALargeResponseThroughWithoutALengthIntact() throws Exception {
        int chunks = 768;
        int chunkSize = 64 * 1024; // 48 MiB, far more than the gateway's heap would like to buffer
        HttpResponse<InputStream> response = client.send(authorized(HttpRequest.newBuilder(
                uri("/api/content/export?chunks=" + chunks + "&chunk_size=" + chunkSize))).build(), BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            for (int i = 0; i < chunks; i++) {
                assertArrayEquals(FakeUpstream.chunk(i, chunkSize), body.readNBytes(chunkSize), "chunk " + i);
            }
            assertEquals(-1, body.read());
        }
    }

    @Test
    void streamsALargeChunkedRequestBodyUpstreamIntact() throws Exception {
        byte[] body = randomBytes(LIMIT - MIB);
        // From a publisher of unknown length, so the client sends it chunked, without Content-Length.
        HttpRequest upload = authorized(HttpRequest.newBuilder(uri("/api/media")))
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofByteArray(body)))
                .build();

        HttpResponse<String> answer = client.send(upload, BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("\"body_length\":" + body.length), answer.body());
        assertTrue(answer.body().contains("\"body_sha256\":\"" + sha256(body) + "\""), answer.body());
        assertTrue(answer.body().contains("\"transfer-encoding\":\"chunked\""), answer.body());
    }

    @Test
    void cutsTheClientsConnectionWhenTheUpstreamDiesMidResponse() throws Exception {
        HttpResponse<InputStream> response = client
                .sendAsync(authorized(HttpRequest.newBuilder(uri("/api/content/feed?cut_after=1000"))).build(),
                        BodyHandlers.ofInputStream())
                .get(5, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("1000000", response.headers().firstValue("Content-Length").orElseThrow());

        // The 1,000 bytes sent arrive, then the connection ends short of the promised length: an
        // error well before any timeout, not a hang and not a body passed off as whole.
        var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (InputStream body = response.body()) {
                return body.readAllBytes().length;
            } catch (java.io.IOException e) {
                return -1;
            }
        });
        assertEquals(-1, reading.get(5, TimeUnit.SECONDS));
    }

    @Test
    void passesTheFirstResponseChunkOnBeforeTheUpstreamFinishes() throws Exception {
        String token = UUID.randomUUID().toString();
        HttpResponse<InputStream> response = client
                .sendAsync(authorized(HttpRequest.newBuilder(uri("/api/content/feed?hold=" + token))).build(), BodyHandlers.ofInputStream())
                .get(5, TimeUnit.SECONDS);
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        assertEquals("first", reader.readLine());
        Calls.asUser().post("/api/content/feed?release=" + token).then().statusCode(204);
        assertEquals("rest", reader.readLine());
    }

    @Test
    void passesRequestBodyBytesOnBeforeTheClientFinishesSending() throws Exception {
        String token = UUID.randomUUID().toString();
        try (SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>()) {
            var upload = client.sendAsync(authorized(HttpRequest.newBuilder(uri("/api/media/upload?token=" + token)))
                    .POST(BodyPublishers.fromPublisher(body)).build(), BodyHandlers.ofString());
            // A publisher drops what it gets before the client subscribes.
            await().atMost(Duration.ofSeconds(5)).until(() -> body.getNumberOfSubscribers() > 0);
            body.submit(ByteBuffer.wrap(randomBytes(64 * 1024)));

            await().atMost(Duration.ofSeconds(10)).until(() -> "65536".equals(
                    Calls.asUser().get("/api/media/progress?received=" + token).asString()));
            assertFalse(upload.isDone(), "the client has not finished sending yet");

            body.submit(ByteBuffer.wrap(randomBytes(1024)));
            body.close();
            HttpResponse<String> answer = upload.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"body_length\":66560"), answer.body());
        }
    }

    @Test
    void answersExpectContinueItselfSoTheClientSendsAtOnce() throws Exception {
        HttpRequest upload = authorized(HttpRequest.newBuilder(uri("/api/media")))
                .expectContinue(true)
                .POST(BodyPublishers.ofByteArray(randomBytes(4096)))
                .build();

        HttpResponse<String> answer = client.sendAsync(upload, BodyHandlers.ofString()).get(5, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("\"body_length\":4096"), answer.body());
        assertFalse(answer.body().contains("\"expect\""), "the upstream is not asked again: " + answer.body());
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413ProblemBeforeReadingIt() throws Exception {
        // The body is never sent: the answer must come from the Content-Length alone.
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "POST /api/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer() + "\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + (LIMIT + 1));

        assertEquals(413, answer.status());
        assertEquals("application/problem+json", answer.headers().get("content-type"));
        assertTrue(answer.body().contains("\"status\":413"), answer.body());
        assertTrue(answer.body().contains("\"instance\":\"/api/media\""), answer.body());
    }

    @Test
    void refusesAChunkedBodyWith413ProblemOnceItGoesOverTheLimit() throws Exception {
        byte[][] parts = new byte[11][];
        for (int i = 0; i < 10; i++) {
            parts[i] = RawHttp.chunk(randomBytes(MIB));
        }
        parts[10] = RawHttp.chunk(new byte[] {1}); // byte LIMIT + 1; no last chunk follows
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "POST /api/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer() + "\r\n"
                + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked", parts);

        assertEquals(413, answer.status());
        assertEquals("application/problem+json", answer.headers().get("content-type"));
        assertTrue(answer.body().contains("\"status\":413"), answer.body());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", TestTokens.bearer());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(FakeUpstream.sha256().digest(bytes));
    }
}
