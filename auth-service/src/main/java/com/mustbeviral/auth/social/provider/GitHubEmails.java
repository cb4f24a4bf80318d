package com.mustbeviral.auth.social.provider;

import com.mustbeviral.auth.config.AuthConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub's {@code /user/emails}: GitHub's UserInfo ({@code /user}) names at most a public address and
 * never says whether it is verified, so the primary address and its verified flag come from here,
 * with the access token quarkus-oidc obtained.
 */
@ApplicationScoped
public class GitHubEmails {

    /** GitHub's primary address and whether GitHub verified it. */
    public record Primary(String email, boolean verified) {
    }

    private final WebClient client;
    private final String apiUri;
    private final Duration timeout;

    GitHubEmails(Vertx vertx, AuthConfig config) {
        this.timeout = config.social().providerTimeout();
        this.apiUri = config.social().githubApiUri().replaceFirst("/+$", "");
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("mustbeviral-auth"));
    }

    /**
     * The primary address; empty when GitHub lists none.
     *
     * @throws ProviderUnavailable when GitHub does not answer, or not with the list
     */
    public Optional<Primary> primary(String accessToken) {
        HttpResponse<?> response;
        try {
            response = client.getAbs(apiUri + "/user/emails").bearerTokenAuthentication(accessToken)
                    .putHeader("Accept", "application/vnd.github+json").timeout(timeout.toMillis())
                    .send().await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new ProviderUnavailable("GitHub's email list did not answer: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            throw new ProviderUnavailable("GitHub's email list answered " + response.statusCode());
        }
        JsonArray emails;
        try {
            emails = response.bodyAsJsonArray();
        } catch (RuntimeException e) {
            throw new ProviderUnavailable("GitHub's email list is not a JSON array");
        }
        for (Object entry : emails) {
            if (entry instanceof JsonObject e && Boolean.TRUE.equals(e.getValue("primary"))
                    && e.getValue("email") instanceof String email) {
                return Optional.of(new Primary(email, Boolean.TRUE.equals(e.getValue("verified"))));
            }
        }
        return Optional.empty();
    }
}
