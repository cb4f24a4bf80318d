package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * The cookie that ties a social login to the browser that started it: the handle of its flow (where
 * the app hears of the result). The protocol's state, PKCE verifier and nonce are in quarkus-oidc's
 * own state cookie. SameSite=Lax still sends it on the provider's top-level redirect back; HttpOnly
 * keeps scripts away from it.
 */
@ApplicationScoped
public class FlowCookie {

    public static final String NAME = "mbv_social_login";
    private static final String PATH = "/api/auth/oauth";

    private final int maxAgeSeconds;
    private final boolean secure;

    FlowCookie(AuthConfig config) {
        this.maxAgeSeconds = (int) config.social().flowTimeout().toSeconds();
        this.secure = config.issuer().startsWith("https:");
    }

    public NewCookie bind(String handle) {
        return cookie(handle, maxAgeSeconds);
    }

    public NewCookie clear() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(NAME).value(value).path(PATH).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
