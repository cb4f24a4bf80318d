package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.account.repository.UserClaimsRepository;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** OpenID Connect UserInfo (Core 1.0 section 5.3): the claims a partner token's scopes allow about its user. */
@ApplicationScoped
public class UserInfo {

    private final UserRepository users;
    private final UserClaimsRepository userClaims;

    UserInfo(UserRepository users, UserClaimsRepository userClaims) {
        this.users = users;
        this.userClaims = userClaims;
    }

    /**
     * The claims for a verified partner access token: its client, its scope, its grant ({@code sid})
     * and its subject, as the token says. Only a token a partner holds for a person with {@code openid}.
     * A token of a revoked or expired grant never gets here: the platform's RevokedSessionCheck refuses
     * it on every request, since {@code EndedSessions} counts only live sessions and grants.
     */
    public Map<String, Object> claims(String clientId, String scope, String grantId, String subject) throws SQLException {
        Set<String> scopes = OAuthScopes.parse(scope);
        if (clientId == null || grantId == null || !scopes.contains(OAuthScopes.OPENID)) {
            throw new Refusal(AuthRefusal.INSUFFICIENT_SCOPE, "UserInfo needs a partner access token with the openid scope.");
        }
        UUID userId = UUID.fromString(subject);
        User user = users.findById(userId).filter(a -> !a.deleted()).map(UserRepository.Credentials::user)
                .orElseThrow(UserInfo::invalidToken);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id().toString());
        if (scopes.contains(OAuthScopes.PROFILE)) {
            claims.put("preferred_username", user.username());
            claims.put("name", user.displayName());
        }
        if (scopes.contains(OAuthScopes.EMAIL)) {
            claims.put("email", user.email());
            claims.put("email_verified", userClaims.emailVerified(userId));
        }
        return claims;
    }

    private static Refusal invalidToken() {
        return new Refusal(AuthRefusal.GRANT_ENDED, "The grant of this token was revoked or has expired.");
    }
}
