package com.mustbeviral.auth.social.client;

import com.mustbeviral.auth.config.AuthConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google through OpenID Connect: endpoints from discovery, code flow with PKCE and a nonce, and an
 * ID token verified against Google's published keys ({@link GoogleIdTokens}). The ID token's
 * {@code email_verified} says whether Google vouches for the email.
 */
@ApplicationScoped
public class GoogleProvider implements SocialProvider {

    static final String ID = "google";

    private final AuthConfig.Social.Google config;
    private final ProviderHttp http;
    private final GoogleIdTokens idTokens;

    GoogleProvider(AuthConfig config, ProviderHttp http, GoogleIdTokens idTokens) {
        this.config = config.social().google();
        this.http = http;
        this.idTokens = idTokens;
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
        query.put("nonce", request.nonce());
        return URI.create(QueryString.append(idTokens.discovery().authorizationEndpoint(), query));
    }

    @Override
    public ProviderIdentity identify(String code, String codeVerifier, String nonce, String callbackUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", callbackUri);
        form.put("client_id", config.clientId().orElseThrow());
        form.put("client_secret", config.clientSecret().orElse(null));
        form.put("code_verifier", codeVerifier);
        JsonObject tokens = http.postForm(ID, idTokens.discovery().tokenEndpoint(), form, Map.of());
        if (!(tokens.getValue("id_token") instanceof String idToken)) {
            throw new ProviderException(ProviderException.Kind.UNTRUSTED, ID, "Google answered without an ID token");
        }
        return idTokens.verify(idToken, nonce);
    }
}
