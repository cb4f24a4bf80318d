package com.mustbeviral.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/** Fetches the JWKS document from auth-service, on a client of its own so that it never queues behind proxied traffic. */
final class JwksFetcher implements Supplier<Future<String>> {

    private final HttpClient client;
    private final RequestOptions request;

    JwksFetcher(Vertx vertx, URI jwksUri, Duration timeout) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("jwks"));
        this.request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(jwksUri.toString())
                .putHeader("Accept", "application/json")
                .setTimeout(timeout.toMillis());
    }

    @Override
    public Future<String> get() {
        return client.request(new RequestOptions(request))
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("JWKS answered HTTP " + response.statusCode());
                    }
                    return body.toString();
                }));
    }

    void close() {
        client.close();
    }
}
