package com.mustbeviral.gateway.admission;

import com.mustbeviral.gateway.auth.AccessToken;
import io.vertx.core.MultiMap;
import java.util.TreeSet;

/**
 * Passes a verified identity to the upstream. InboundHeaders removed whatever the client sent under
 * these names, so each one here comes from the token. Services still verify the token themselves.
 */
final class IdentityHeaders {

    private IdentityHeaders() {
    }

    static void set(MultiMap headers, AccessToken token) {
        setIfPresent(headers, "X-User-Id", token.userId());
        setIfPresent(headers, "X-User-Role", token.role());
        setIfPresent(headers, "X-User-Plan", token.plan());
        setIfPresent(headers, "X-Session-Id", token.sessionId());
        setIfPresent(headers, "X-Client-Id", token.clientId());
        if (!token.scopes().isEmpty()) {
            headers.set("X-Scopes", String.join(" ", new TreeSet<>(token.scopes())));
        }
    }

    private static void setIfPresent(MultiMap headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }
}
