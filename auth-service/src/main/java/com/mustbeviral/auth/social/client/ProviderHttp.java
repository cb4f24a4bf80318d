package com.mustbeviral.auth.social.client;

import com.mustbeviral.auth.config.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * HTTP calls to social providers on Quarkus' Vert.x, each bounded by the configured timeout. No
 * retries: an authorization code is single-use, and a retried exchange would only fail at the
 * provider. Tokens never reach the log.
 */
@ApplicationScoped
public class ProviderHttp {

    private static final Logger LOG = Logger.getLogger(ProviderHttp.class);

    private final WebClient client;
    private final Duration timeout;

    ProviderHttp(Vertx vertx, AuthConfig config) {
        this.timeout = config.social().providerTimeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("must-be-viral-auth")
                .setFollowRedirects(false));
    }

    /**
     * POSTs a form to a token endpoint (RFC 6749 section 4.1.3) and reads its JSON answer. An OAuth
     * error in the answer (RFC 6749 section 5.2; GitHub sends it with status 200) is a refusal.
     */
    public JsonObject postForm(String provider, String url, Map<String, String> form, Map<String, String> headers) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach((k, v) -> {
            if (v != null) {
                body.add(k, v);
            }
        });
        HttpResponse<Buffer> response = send(provider, url, client.postAbs(url), headers, r -> r.sendForm(body));
        JsonObject json = object(provider, url, response);
        if (json != null && json.getValue("error") instanceof String error) {
            throw new ProviderException(ProviderException.Kind.REJECTED, provider,
                    provider + " refused the authorization code: " + error);
        }
        if (response.statusCode() != 200 || json == null) {
            throw unexpected(provider, url, response);
        }
        return json;
    }

    /** GETs a JSON object, with a bearer token unless it is null. */
    public JsonObject getObject(String provider, String url, String accessToken, Map<String, String> headers) {
        HttpResponse<Buffer> response = get(provider, url, accessToken, headers);
        JsonObject json = object(provider, url, response);
        if (json == null) {
            throw unexpected(provider, url, response);
        }
        return json;
    }

    /** GETs a JSON array from an API with a bearer token. */
    public JsonArray getArray(String provider, String url, String accessToken, Map<String, String> headers) {
        HttpResponse<Buffer> response = get(provider, url, accessToken, headers);
        try {
            return new JsonArray(response.bodyAsString());
        } catch (DecodeException | NullPointerException e) {
            throw unexpected(provider, url, response);
        }
    }

    private HttpResponse<Buffer> get(String provider, String url, String accessToken, Map<String, String> headers) {
        HttpRequest<Buffer> request = client.getAbs(url);
        if (accessToken != null) {
            request.putHeader("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<Buffer> response = send(provider, url, request, headers, HttpRequest::send);
        if (response.statusCode() != 200) {
            throw unexpected(provider, url, response);
        }
        return response;
    }

    private HttpResponse<Buffer> send(String provider, String url, HttpRequest<Buffer> request,
            Map<String, String> headers, Function<HttpRequest<Buffer>, Uni<HttpResponse<Buffer>>> sending) {
        request.putHeader("Accept", "application/json").timeout(timeout.toMillis());
        headers.forEach(request::putHeader);
        try {
            return sending.apply(request).await().atMost(timeout);
        } catch (RuntimeException e) {
            LOG.warnf("%s did not answer %s: %s", provider, url, e.toString());
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, provider, provider + " did not answer", e);
        }
    }

    /** The body as a JSON object, or null when it is none. */
    private static JsonObject object(String provider, String url, HttpResponse<Buffer> response) {
        try {
            String body = response.bodyAsString();
            return body == null || body.isBlank() ? null : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            LOG.debugf("%s answered %s with a body that is not a JSON object", provider, url);
            return null;
        }
    }

    private static ProviderException unexpected(String provider, String url, HttpResponse<Buffer> response) {
        LOG.warnf("%s answered %s with status %d", provider, url, response.statusCode());
        ProviderException.Kind kind = response.statusCode() >= 500 || response.statusCode() == 429
                ? ProviderException.Kind.UNAVAILABLE : ProviderException.Kind.UNTRUSTED;
        return new ProviderException(kind, provider, provider + " answered with status " + response.statusCode());
    }
}
