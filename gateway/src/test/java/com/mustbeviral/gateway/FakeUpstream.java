package com.mustbeviral.gateway;

import com.mustbeviral.testsupport.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;

/**
 * One stand-in service behind the gateway. It answers its readiness endpoint, and otherwise reads
 * the whole body as it streams and echoes what arrived as JSON: which upstream, method, path, query,
 * headers, body length and SHA-256. Query parameters ask for other behaviour:
 * {@code delay_ms} (answer late), {@code chunks} + {@code chunk_size} (chunked response),
 * {@code hold}/{@code release} (send a first chunk, finish only when told), {@code token}/{@code received}
 * (how many body bytes of an upload have arrived so far), {@code hop} (answer with hop-by-hop headers),
 * {@code cut_after} (declare a long body, send that many bytes, then close the connection).
 * The one named {@code auth} also serves a JWKS at {@code /.well-known/jwks.json} holding the test
 * signing keys (P-256 and RSA, as auth-service publishes both), and under {@code /fake/jwks} lets a
 * test publish another key ({@code POST keys}) and
 * read how many times the set was fetched ({@code GET fetches}).
 */
final class FakeUpstream {

    private final Vertx vertx;
    private final String name;
    private final boolean ready;
    private final Map<String, HttpServerResponse> held = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedByToken = new ConcurrentHashMap<>();
    private final List<String> publishedKeys = new CopyOnWriteArrayList<>(
            List.of(TestTokens.signingKey().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                    TestTokens.rsaSigningKey().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    private final AtomicInteger jwksFetches = new AtomicInteger();

    FakeUpstream(Vertx vertx, String name, boolean ready) {
        this.vertx = vertx;
        this.name = name;
        this.ready = ready;
    }

    void handle(HttpServerRequest request) {
        if (request.path().equals("/q/health/ready")) {
            request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", ready ? "UP" : "DOWN").encode());
            return;
        }
        if (name.equals("auth") && serveKeys(request)) {
            return;
        }
        MessageDigest sha256 = sha256();
        long[] length = {0};
        String token = request.getParam("token");
        request.handler(chunk -> {
            sha256.update(chunk.getBytes());
            length[0] += chunk.length();
            if (token != null) {
                receivedByToken.put(token, length[0]);
            }
        });
        request.endHandler(v -> respond(request, length[0], HexFormat.of().formatHex(sha256.digest())));
    }

    private boolean serveKeys(HttpServerRequest request) {
        switch (request.path()) {
            case "/.well-known/jwks.json" -> {
                jwksFetches.incrementAndGet();
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"keys\":[" + String.join(",", publishedKeys) + "]}");
            }
            case "/fake/jwks/keys" -> request.body().onSuccess(jwk -> {
                publishedKeys.add(jwk.toString());
                request.response().setStatusCode(204).end();
            });
            case "/fake/jwks/fetches" -> request.response().end(String.valueOf(jwksFetches.get()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void respond(HttpServerRequest request, long bodyLength, String bodySha256) {
        HttpServerResponse response = request.response();
        if (request.getParam("chunks") != null) {
            streamChunks(response, Integer.parseInt(request.getParam("chunks")),
                    Integer.parseInt(request.getParam("chunk_size")));
        } else if (request.getParam("hold") != null) {
            response.setChunked(true).write("first\n");
            held.put(request.getParam("hold"), response);
        } else if (request.getParam("release") != null) {
            held.remove(request.getParam("release")).end("rest\n");
            response.setStatusCode(204).end();
        } else if (request.getParam("cut_after") != null) {
            // Promises more than it sends, then drops the connection: an upstream dying mid-response.
            response.putHeader("Content-Length", "1000000").write(Buffer.buffer(new byte[Integer.parseInt(request.getParam("cut_after"))]));
            vertx.setTimer(50, id -> request.connection().close());
        } else if (request.getParam("received") != null) {
            response.end(String.valueOf(receivedByToken.getOrDefault(request.getParam("received"), 0L)));
        } else {
            String delay = request.getParam("delay_ms");
            long delayMs = delay == null ? 0 : Long.parseLong(delay);
            Buffer echo = echo(request, bodyLength, bodySha256);
            if (request.getParam("hop") != null) {
                response.putHeader("Connection", "X-Upstream-Private").putHeader("X-Upstream-Private", "1")
                        .putHeader("Keep-Alive", "timeout=5");
            }
            // Like a real service that propagates the request id it was given.
            response.putHeader("X-Request-Id", String.valueOf(request.getHeader("X-Request-Id")));
            response.putHeader("Content-Type", "application/json");
            if (delayMs > 0) {
                vertx.setTimer(delayMs, id -> response.end(echo));
            } else {
                response.end(echo);
            }
        }
    }

    private Buffer echo(HttpServerRequest request, long bodyLength, String bodySha256) {
        JsonObject headers = new JsonObject();
        request.headers().names().forEach(n -> headers.put(n.toLowerCase(), String.join(", ", request.headers().getAll(n))));
        return new JsonObject()
                .put("upstream", name)
                .put("method", request.method().name())
                .put("path", request.path())
                .put("query", request.query())
                .put("headers", headers)
                .put("body_length", bodyLength)
                .put("body_sha256", bodySha256)
                .toBuffer();
    }

    /** Chunk i is filled with the byte {@code i}, so that a reordered or dropped chunk shows. */
    static byte[] chunk(int index, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) index);
        return bytes;
    }

    private static void streamChunks(HttpServerResponse response, int chunks, int chunkSize) {
        response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
        for (int i = 0; i < chunks; i++) {
            response.write(Buffer.buffer(chunk(i, chunkSize)));
        }
        response.end();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
