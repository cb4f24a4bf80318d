package com.mustbeviral.auth.social.client;

import com.mustbeviral.auth.config.AuthConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub: OAuth 2.0 code flow (PKCE when enabled), then {@code GET /user} for the account and
 * {@code GET /user/emails} for the primary email and whether GitHub verified it. The email on
 * {@code /user} is only the public profile email, which GitHub does not vouch for.
 */
@ApplicationScoped
public class GitHubProvider implements SocialProvider {

    static final String ID = "github";
    private static final Map<String, String> API_HEADERS = Map.of(
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28");

    private final AuthConfig.Social.GitHub config;
    private final ProviderHttp http;

    GitHubProvider(AuthConfig config, ProviderHttp http) {
        this.config = config.social().github();
        this.http = http;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean enabled() {
        return config.clientId().isPresent();
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        Map<String, String> query = request.codeFlowQuery(config.clientId().orElseThrow(), config.scope());
        if (!config.pkce()) {
            // auth.social.github.pkce=false: for a GitHub that does not take PKCE yet.
            query.remove("code_challenge");
            query.remove("code_challenge_method");
        }
        return URI.create(QueryString.append(config.authorizationUri(), query));
    }

    @Override
    public ProviderIdentity identify(String code, String codeVerifier, String nonce, String callbackUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", config.clientId().orElseThrow());
        form.put("client_secret", config.clientSecret().orElse(null));
        form.put("code", code);
        form.put("redirect_uri", callbackUri);
        form.put("code_verifier", config.pkce() ? codeVerifier : null);
        JsonObject tokens = http.postForm(ID, config.tokenUri(), form, Map.of());
        if (!(tokens.getValue("access_token") instanceof String accessToken)) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, ID, "GitHub answered without an access token");
        }
        JsonObject user = http.getObject(ID, config.apiUri() + "/user", accessToken, API_HEADERS);
        if (user.getValue("id") == null) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, ID, "GitHub's user has no id");
        }
        JsonObject primary = primaryEmail(http.getArray(ID, config.apiUri() + "/user/emails", accessToken, API_HEADERS));
        String email = primary == null ? null : primary.getString("email");
        boolean verified = primary != null && email != null && Boolean.TRUE.equals(primary.getValue("verified"));
        return new ProviderIdentity(ID, String.valueOf(user.getValue("id")), email, verified, user.getString("login"),
                user.getValue("name") instanceof String name ? name : null);
    }

    private static JsonObject primaryEmail(JsonArray emails) {
        for (Object entry : emails) {
            if (entry instanceof JsonObject e && Boolean.TRUE.equals(e.getValue("primary"))) {
                return e;
            }
        }
        return null;
    }
}
