package com.mustbeviral.auth.partner.token;

import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.token.SigningKey;
import com.mustbeviral.auth.token.SigningKeys;
import com.mustbeviral.auth.token.TokenAlgorithm;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Issues the tokens partners get: access tokens in the format of every access token (the configured
 * algorithm, kid, {@link AccessTokenClaims}) with {@code scope} and {@code client_id}, and OpenID Connect
 * id_tokens, RS256 unless the client registered another {@code id_token_signed_response_alg}.
 * A partner token never carries {@code role}: what it may do is its scope, not its user's role, so
 * a token a partner holds for an admin is no admin token.
 */
@ApplicationScoped
public class PartnerTokens {

    private final SigningKeys keys;
    private final AuthConfig config;

    PartnerTokens(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A token a client holds for itself (client_credentials): {@code sub} is the client, no session. */
    public String issueForClient(String clientId, Set<String> scopes, Instant now) {
        return sign(access(clientId, scopes, now).subject(clientId), keys.signer());
    }

    /** A token a client holds for a user; {@code sid} is the grant, so revoking the grant revokes the token. */
    public String issueForUser(String clientId, User user, String plan, UUID grantId, Set<String> scopes, Instant now) {
        return sign(access(clientId, scopes, now)
                .subject(user.id().toString())
                .claim(AccessTokenClaims.PLAN, plan)
                .claim(AccessTokenClaims.SESSION_ID, grantId.toString()), keys.signer());
    }

    /**
     * An OpenID Connect id_token (Core 1.0 section 2) for the client, about the user who consented,
     * signed with {@code algorithm}, the client's registered {@code id_token_signed_response_alg}.
     */
    public String idToken(String clientId, TokenAlgorithm algorithm, User user, boolean emailVerified, Set<String> scopes,
            Instant authTime, String nonce, String accessToken, Instant now) {
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(clientId)
                .subject(user.id().toString())
                .claim("azp", clientId)
                .claim("auth_time", authTime.getEpochSecond())
                .claim("at_hash", leftHalfHash(accessToken))
                .issuedAt(now)
                .expiresAt(now.plus(config.oauth2().idTokenTtl()));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (scopes.contains(OAuthScopes.PROFILE)) {
            claims.preferredUserName(user.username()).claim("name", user.displayName());
        }
        if (scopes.contains(OAuthScopes.EMAIL)) {
            claims.claim("email", user.email()).claim("email_verified", emailVerified);
        }
        return sign(claims, keys.signer(algorithm));
    }

    public long lifetimeSeconds() {
        return config.tokens().accessTtl().toSeconds();
    }

    private JwtClaimsBuilder access(String clientId, Set<String> scopes, Instant now) {
        return Jwt.issuer(config.issuer())
                .audience(AccessTokenClaims.API_AUDIENCE)
                .claim(AccessTokenClaims.CLIENT_ID, clientId)
                .claim(AccessTokenClaims.SCOPE, OAuthScopes.format(scopes))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.tokens().accessTtl()));
    }

    private static String sign(JwtClaimsBuilder claims, SigningKey key) {
        return claims.jws().keyId(key.kid()).algorithm(key.algorithm().jws()).sign(key.privateKey());
    }

    // OIDC Core 3.1.3.6: base64url of the left-most half of the SHA-256 of the access token's ASCII.
    private static String leftHalfHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
