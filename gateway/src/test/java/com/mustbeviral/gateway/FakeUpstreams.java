package com.mustbeviral.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers, one per upstream service, on free ports, in their own Vert.x. Sets
 * {@code gateway.upstreams.<name>.url} for the five services, and {@code fake-upstreams.<name>.url}
 * for two extra ones a test profile may wire in: {@code slow} (an ordinary one, for a short timeout)
 * and {@code unready} (its readiness endpoint answers 503).
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("auth", "content", "analytics", "billing", "audit");

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        SERVICES.forEach(name -> config.put("gateway.upstreams." + name + ".url", "http://127.0.0.1:" + serve(name, true)));
        config.put("fake-upstreams.slow.url", "http://127.0.0.1:" + serve("slow", true));
        config.put("fake-upstreams.unready.url", "http://127.0.0.1:" + serve("unready", false));
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    private int serve(String name, boolean ready) {
        FakeUpstream upstream = new FakeUpstream(vertx, name, ready);
        HttpServer server = await(vertx.createHttpServer().requestHandler(upstream::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture());
        return server.actualPort();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
