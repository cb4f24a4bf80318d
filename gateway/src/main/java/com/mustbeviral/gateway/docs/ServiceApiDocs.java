package com.mustbeviral.gateway.docs;

import com.mustbeviral.gateway.config.GatewayConfig;
import com.mustbeviral.gateway.proxy.ProblemResponse;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * {@code GET /openapi/{service}}: the OpenAPI document of one upstream, fetched from its own
 * {@code /q/openapi}, so that the gateway's Swagger UI can show every service's API from one
 * origin (the services' ports are not public). A document is not cached: it is read by people.
 */
@Singleton
public class ServiceApiDocs implements Handler<RoutingContext> {

    /** Path parameter naming the upstream. */
    public static final String SERVICE = "service";

    private static final Logger LOG = Logger.getLogger(ServiceApiDocs.class);

    private final GatewayConfig config;
    private final HttpClient client;

    ServiceApiDocs(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("openapi-docs"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String service = ctx.pathParam(SERVICE);
        GatewayConfig.Upstream upstream = config.upstreams().get(service);
        if (upstream == null) {
            new ProblemResponse(404, "No service named " + service, ctx.request().path()).sendTo(ctx.response());
            return;
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(upstream.url().resolve("/q/openapi?format=json").toString())
                .setTimeout(config.readiness().timeout().toMillis());
        client.request(request)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return body;
                }))
                .onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json").end(body))
                .onFailure(failure -> {
                    LOG.warnf("OpenAPI document of %s unavailable: %s", service, failure.getMessage());
                    new ProblemResponse(502, "The " + service + " service did not give its OpenAPI document",
                            ctx.request().path()).sendTo(ctx.response());
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
