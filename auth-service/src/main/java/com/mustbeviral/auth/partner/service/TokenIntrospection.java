package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.repository.OAuthGrantRepository;
import com.mustbeviral.auth.token.TokenVerifier;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * RFC 7662 introspection and the token side of RFC 7009 revocation. A client learns about its own
 * tokens only: any other token, a user's login token included, is simply not active to it.
 */
@ApplicationScoped
public class TokenIntrospection {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final TokenVerifier verifier;
    private final OAuthGrantRepository grants;
    private final OAuthGrants partnerGrants;
    private final Clock clock;

    TokenIntrospection(TokenVerifier verifier, OAuthGrantRepository grants, OAuthGrants partnerGrants, Clock clock) {
        this.verifier = verifier;
        this.grants = grants;
        this.partnerGrants = partnerGrants;
        this.clock = clock;
    }

    /** The introspection response for a token presented by {@code caller}. */
    public Map<String, Object> introspect(OAuthClient caller, String token) throws SQLException {
        Optional<JwtClaims> access = verifier.accessToken(token);
        if (access.isPresent()) {
            return accessToken(caller, access.get());
        }
        return refreshToken(caller, token);
    }

    /**
     * Revokes a token of {@code caller}: a refresh token or a user access token revokes its whole
     * grant. A client_credentials access token has no grant; it cannot be revoked and expires soon.
     */
    public void revoke(OAuthClient caller, String token) throws SQLException {
        Optional<JwtClaims> access = verifier.accessToken(token);
        if (access.isEmpty()) {
            partnerGrants.revokeByRefreshToken(caller, token);
            return;
        }
        try {
            String sid = access.get().getStringClaimValue(AccessTokenClaims.SESSION_ID);
            if (sid != null && caller.clientId().equals(access.get().getStringClaimValue(AccessTokenClaims.CLIENT_ID))) {
                partnerGrants.revokeGrant(caller, UUID.fromString(sid), "revoked_by_client");
            }
        } catch (MalformedClaimException | IllegalArgumentException e) {
            // Not a token of ours to act on: RFC 7009 answers 200 all the same.
        }
    }

    private Map<String, Object> accessToken(OAuthClient caller, JwtClaims claims) throws SQLException {
        try {
            if (!caller.clientId().equals(claims.getStringClaimValue(AccessTokenClaims.CLIENT_ID))) {
                return INACTIVE;
            }
            String sid = claims.getStringClaimValue(AccessTokenClaims.SESSION_ID);
            if (sid != null && !partnerGrants.isActive(UUID.fromString(sid))) {
                return INACTIVE;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("active", true);
            answer.put("scope", claims.getStringClaimValue(AccessTokenClaims.SCOPE));
            answer.put("client_id", caller.clientId());
            answer.put("token_type", "Bearer");
            answer.put("sub", claims.getSubject());
            answer.put("aud", claims.getAudience().size() == 1 ? claims.getAudience().get(0) : claims.getAudience());
            answer.put("iss", claims.getIssuer());
            answer.put("exp", claims.getExpirationTime().getValue());
            answer.put("iat", claims.getIssuedAt().getValue());
            answer.put("jti", claims.getJwtId());
            return answer;
        } catch (MalformedClaimException | IllegalArgumentException e) {
            return INACTIVE;
        }
    }

    private Map<String, Object> refreshToken(OAuthClient caller, String token) throws SQLException {
        Optional<OAuthGrantRepository.IssuedRefreshToken> issued = grants.findRefreshToken(Sha256.hex(token));
        if (issued.isEmpty() || issued.get().rotatedAt() != null) {
            return INACTIVE;
        }
        Optional<OAuthGrantRepository.Grant> grant = grants.find(issued.get().grantId())
                .filter(g -> g.clientId().equals(caller.clientId()) && g.activeAt(clock.instant()));
        if (grant.isEmpty()) {
            return INACTIVE;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("scope", OAuthScopes.format(grant.get().scopes()));
        answer.put("client_id", caller.clientId());
        answer.put("token_type", "refresh_token");
        answer.put("sub", grant.get().userId().toString());
        answer.put("exp", grant.get().expiresAt().getEpochSecond());
        return answer;
    }
}
