package com.mustbeviral.auth.social.client;

import com.mustbeviral.auth.config.AuthConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * X (formerly Twitter): OAuth 2.0 code flow with PKCE, which X requires, then
 * {@code GET /2/users/me}. A confidential client authenticates with HTTP Basic at the token
 * endpoint; a public one sends its client id in the form. X gives no email, so an X login never
 * links to an existing account by itself. Its id in paths is {@code twitter}, as in the schema.
 */
@ApplicationScoped
public class XProvider implements SocialProvider {

    static final String ID = "twitter";

    private final AuthConfig.Social.Twitter config;
    private final ProviderHttp http;

    XProvider(AuthConfig config, ProviderHttp http) {
        this.config = config.social().twitter();
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
        return URI.create(QueryString.append(config.authorizationUri(), query));
    }

    @Override
    public ProviderIdentity identify(String code, String codeVerifier, String nonce, String callbackUri) {
        String clientId = config.clientId().orElseThrow();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", callbackUri);
        form.put("code_verifier", codeVerifier);
        Map<String, String> headers = Map.of();
        if (config.clientSecret().isPresent()) {
            String basic = clientId + ":" + config.clientSecret().get();
            headers = Map.of("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
        }
        JsonObject tokens = http.postForm(ID, config.tokenUri(), form, headers);
        if (!(tokens.getValue("access_token") instanceof String accessToken)) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, ID, "X answered without an access token");
        }
        JsonObject me = http.getObject(ID, config.apiUri() + "/2/users/me", accessToken, Map.of());
        if (!(me.getValue("data") instanceof JsonObject data) || !(data.getValue("id") instanceof String id)) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, ID, "X's users/me has no id");
        }
        return new ProviderIdentity(ID, id, null, false, data.getString("username"), data.getString("name"));
    }
}
