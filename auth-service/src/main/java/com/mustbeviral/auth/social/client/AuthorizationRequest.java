package com.mustbeviral.auth.social.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What goes to a provider's authorization endpoint besides the client id: our callback URL, the
 * state, the OpenID Connect nonce (Google only) and the PKCE S256 challenge.
 */
public record AuthorizationRequest(String callbackUri, String state, String nonce, String codeChallenge) {

    /**
     * The query of an authorization code request with PKCE S256 (RFC 6749 section 4.1.1, RFC 7636
     * section 4.3); a provider adds what only it takes (Google: the nonce).
     */
    public Map<String, String> codeFlowQuery(String clientId, String scope) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", callbackUri);
        query.put("scope", scope);
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        return query;
    }
}
