package com.mustbeviral.auth.client;

/**
 * What goes to a provider's authorization endpoint besides the client id: our callback URL, the
 * state, the OpenID Connect nonce (Google only) and the PKCE S256 challenge.
 */
public record AuthorizationRequest(String callbackUri, String state, String nonce, String codeChallenge) {
}
