package com.mustbeviral.gateway.auth;

import java.util.Set;

/**
 * The identity a verified access token carries. {@code sessionId} is null on partner
 * client_credentials tokens; {@code clientId} is set only on partner tokens.
 */
public record AccessToken(String subject, String role, String plan, String sessionId, String clientId,
        Set<String> scopes) {

    /** Whether a partner (an OAuth client) holds the token, which limits it to its scopes. */
    public boolean isPartner() {
        return clientId != null;
    }

    /** The user the token speaks for; null when a partner acts for itself (sub is then its client id). */
    public String userId() {
        return subject.equals(clientId) ? null : subject;
    }
}
