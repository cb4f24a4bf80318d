package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.repository.OAuthClientRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * Who calls the token, introspection and revocation endpoints (RFC 6749 section 2.3):
 * client_secret_basic, client_secret_post, or a public client naming itself by {@code client_id}
 * (it proves nothing, so public clients get only what PKCE or the token itself protects).
 */
@ApplicationScoped
public class ClientAuthentication {

    private final OAuthClientRepository clients;

    ClientAuthentication(OAuthClientRepository clients) {
        this.clients = clients;
    }

    /** The authenticated client; {@code form} is the request body, read for client_id and client_secret. */
    public OAuthClient authenticate(String authorization, FormParameters form) throws SQLException {
        String formId = form.single("client_id");
        String formSecret = form.single("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formSecret != null) {
                throw OAuthError.invalidRequest("Use one client authentication method, not both Basic and client_secret.");
            }
            String[] idAndSecret = basicCredentials(authorization.substring(6).trim());
            if (formId != null && !formId.equals(idAndSecret[0])) {
                throw OAuthError.invalidClient("client_id does not match the authenticated client.");
            }
            return confidential(idAndSecret[0], idAndSecret[1]);
        }
        if (formId == null) {
            throw OAuthError.invalidClient("Client authentication is required.");
        }
        if (formSecret != null) {
            return confidential(formId, formSecret);
        }
        OAuthClient client = active(formId);
        if (!client.publicClient()) {
            throw OAuthError.invalidClient("This client must authenticate with its secret.");
        }
        return client;
    }

    private OAuthClient confidential(String clientId, String secret) throws SQLException {
        OAuthClient client = active(clientId);
        // The secret is 256 random bits, so SHA-256 resists guessing; the comparison takes constant time.
        if (client.publicClient() || !MessageDigest.isEqual(
                client.secretHash().getBytes(StandardCharsets.US_ASCII),
                Sha256.hex(secret).getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidClient("Unknown client or wrong secret.");
        }
        return client;
    }

    private OAuthClient active(String clientId) throws SQLException {
        Optional<OAuthClient> client = clients.find(clientId).filter(c -> c.disabledAt() == null);
        return client.orElseThrow(() -> OAuthError.invalidClient("Unknown client or wrong secret."));
    }

    // RFC 6749 section 2.3.1: both halves are form-urlencoded before they are joined and base64-encoded.
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                throw OAuthError.invalidClient("Malformed Basic credentials.");
            }
            return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials.");
        }
    }
}
