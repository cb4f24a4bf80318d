package com.mustbeviral.auth.partner;

import com.mustbeviral.auth.token.TokenAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A partner application registered by an admin. A public client (a mobile or browser app) has no
 * secret and must use PKCE; a confidential one authenticates with its secret, stored only hashed.
 * Its ID tokens are signed with {@code idTokenSignedResponseAlg} (RS256 unless it registered ES256).
 */
public record OAuthClient(String clientId, String name, String secretHash, List<String> redirectUris, Set<String> scopes,
        Set<String> grantTypes, Instant createdAt, String registeredBy, Instant disabledAt,
        TokenAlgorithm idTokenSignedResponseAlg) {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final Set<String> GRANT_TYPES = Set.of(CLIENT_CREDENTIALS, AUTHORIZATION_CODE, REFRESH_TOKEN);

    public boolean publicClient() {
        return secretHash == null;
    }

    public boolean allows(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** Exact string comparison (RFC 9700 section 4.1.3): no prefixes, no wildcards, no normalization. */
    public boolean registered(String redirectUri) {
        return redirectUri != null && redirectUris.contains(redirectUri);
    }
}
