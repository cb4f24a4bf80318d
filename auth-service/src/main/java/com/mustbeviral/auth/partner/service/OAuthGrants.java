package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.account.repository.UserClaimsRepository;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.repository.AuthorizationCodeRepository;
import com.mustbeviral.auth.partner.repository.OAuthGrantRepository.Grant;
import com.mustbeviral.auth.partner.repository.OAuthGrantRepository;
import com.mustbeviral.auth.refresh.RefreshRotation;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.TokenReuseDetected;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Partner grants and their refresh-token families: created by redeeming an authorization code,
 * rotated by refresh tokens (reuse detection as for logins), revoked. Signs nothing:
 * {@link PartnerGrants} signs tokens after the commit. Methods that revoke on a replay keep the
 * revocation when they then refuse ({@code dontRollbackOn}); every other refusal comes before any write.
 */
@ApplicationScoped
public class OAuthGrants {

    /**
     * A grant just created or rotated, with what its tokens need: {@code scopes} are the access
     * token's (the grant's, or fewer); {@code refreshToken} may be null.
     */
    public record Issuance(UserRepository.Credentials account, Grant grant, Set<String> scopes, String refreshToken,
            Instant at) {
    }

    /** A redeemed code: the new grant and what its ID token needs. */
    public record Redeemed(Issuance issuance, boolean emailVerified, Instant authTime, String nonce) {
    }

    private final AuthorizationCodeRepository codes;
    private final OAuthGrantRepository grants;
    private final UserRepository users;
    private final UserClaimsRepository userClaims;
    private final Outbox outbox;
    private final RefreshRotation rotation;
    private final AuthConfig config;
    private final Clock clock;

    OAuthGrants(AuthorizationCodeRepository codes, OAuthGrantRepository grants, UserRepository users,
            UserClaimsRepository userClaims, Outbox outbox, RefreshRotation rotation, AuthConfig config, Clock clock) {
        this.codes = codes;
        this.grants = grants;
        this.users = users;
        this.userClaims = userClaims;
        this.outbox = outbox;
        this.rotation = rotation;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Redeems an authorization code into a grant. A code is single-use: presenting a redeemed code
     * again revokes the grant it created (RFC 6749 section 4.1.2), since one of the two presenters stole it.
     */
    @Transactional(rollbackOn = Exception.class, dontRollbackOn = OAuthError.class)
    public Redeemed redeem(OAuthClient client, String code, String redirectUri, String codeVerifier) throws SQLException {
        Instant now = now();
        String codeHash = Sha256.hex(code);
        AuthorizationCodeRepository.Code stored = codes.find(codeHash)
                .filter(c -> c.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthError.invalidGrant("Unknown authorization code."));
        if (stored.usedAt() != null) {
            if (stored.grantId() != null) {
                grants.find(stored.grantId()).ifPresent(g -> revoke(g, "authorization_code_reuse", now));
            }
            throw OAuthError.invalidGrant("The authorization code was already used; what it issued is now revoked.");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw OAuthError.invalidGrant("The authorization code has expired.");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the one of the authorization request.");
        }
        if (!MessageDigest.isEqual(Sha256.pkceChallenge(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                stored.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge (S256).");
        }
        UserRepository.Credentials account = users.findById(stored.userId()).filter(a -> !a.deleted())
                .orElseThrow(() -> OAuthError.invalidGrant("The user of this code no longer exists."));
        Grant grant = new Grant(UUID.randomUUID(), client.clientId(), stored.userId(), stored.scopes(), 0, now,
                now.plus(config.oauth2().grantTtl()), null);
        grants.insert(grant);
        if (!codes.redeem(codeHash, grant.id(), now)) {
            throw new IllegalStateException("Authorization code redeemed concurrently"); // writers take turns
        }
        String refreshToken = null;
        if (client.allows(OAuthClient.REFRESH_TOKEN) && grant.scopes().contains(OAuthScopes.OFFLINE_ACCESS)) {
            refreshToken = RandomTokens.next();
            grants.insertRefreshToken(Sha256.hex(refreshToken), grant.id(), 0, now);
        }
        return new Redeemed(new Issuance(account, grant, grant.scopes(), refreshToken, now), userClaims.emailVerified(stored.userId()),
                stored.authTime(), stored.nonce());
    }

    /**
     * Rotates a grant's refresh token by the family rule of {@link RefreshRotation}, as for logins: a
     * reuse revokes the grant. A
     * {@code scope} may narrow the new access token; the grant keeps its scopes.
     */
    @Transactional(rollbackOn = Exception.class, dontRollbackOn = OAuthError.class)
    public Issuance rotate(OAuthClient client, String refreshToken, String scope) throws SQLException {
        Instant now = now();
        String hash = Sha256.hex(refreshToken);
        OAuthGrantRepository.IssuedRefreshToken issued = grants.findRefreshToken(hash)
                .orElseThrow(() -> OAuthError.invalidGrant("Unknown refresh token."));
        Grant grant = grants.find(issued.grantId()).filter(g -> g.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthError.invalidGrant("Unknown refresh token."));
        if (!grant.activeAt(now)) {
            throw OAuthError.invalidGrant("The grant of this refresh token was revoked or has expired.");
        }
        Set<String> scopes = narrowed(grant.scopes(), scope);
        UserRepository.Credentials account = users.findById(grant.userId()).filter(a -> !a.deleted())
                .orElseThrow(() -> OAuthError.invalidGrant("The user of this grant no longer exists."));
        RefreshRotation.Verdict verdict = rotation.judge(issued.generation(), grant.generation(), issued.rotatedAt(), now,
                maxUses -> grants.spendGrace(hash, maxUses));
        if (!verdict.rotates()) {
            revoke(grant, "refresh_token_reuse", now);
            outbox.append(Topics.AUTH_SESSIONS, TokenReuseDetected.TYPE, grant.id().toString(),
                    new TokenReuseDetected(grant.id(), grant.userId(), grant.id().toString(), now), now);
            throw OAuthError.invalidGrant("The refresh token was already used; its grant is now revoked.");
        }
        if (!grants.advance(grant.id(), grant.generation(), now)) {
            throw new IllegalStateException("Grant rotated concurrently"); // writers take turns
        }
        grants.markRotated(grant.id(), grant.generation(), now);
        String next = RandomTokens.next();
        grants.insertRefreshToken(Sha256.hex(next), grant.id(), grant.generation() + 1, now);
        return new Issuance(account, grant, scopes, next, now);
    }

    /** RFC 7009: revokes the grant behind a refresh token of this client, if live. */
    @Transactional(rollbackOn = Exception.class)
    public void revokeByRefreshToken(OAuthClient client, String refreshToken) throws SQLException {
        Optional<OAuthGrantRepository.IssuedRefreshToken> issued = grants.findRefreshToken(Sha256.hex(refreshToken));
        if (issued.isPresent()) {
            revokeGrant(client, issued.get().grantId(), "revoked_by_client");
        }
    }

    /** Revokes a grant of this client (another client's grant is left alone); false when there was none live. */
    @Transactional(rollbackOn = Exception.class)
    public boolean revokeGrant(OAuthClient client, UUID grantId, String reason) throws SQLException {
        Optional<Grant> grant = grants.find(grantId).filter(g -> g.clientId().equals(client.clientId()));
        return grant.isPresent() && revoke(grant.get(), reason, now());
    }

    /** Revokes every live grant of a user, whichever client holds it; returns how many. */
    @Transactional(rollbackOn = Exception.class)
    public int revokeAllOf(UUID userId, String reason) throws SQLException {
        int revoked = 0;
        Instant now = now();
        for (UUID grantId : grants.unrevokedIds(userId)) {
            Optional<Grant> grant = grants.find(grantId);
            if (grant.isPresent() && revoke(grant.get(), reason, now)) {
                revoked++;
            }
        }
        return revoked;
    }

    /** Whether a grant (the {@code sid} of a partner token) is live. */
    public boolean isActive(UUID grantId) throws SQLException {
        return grants.find(grantId).map(g -> g.activeAt(now())).orElse(false);
    }

    private boolean revoke(Grant grant, String reason, Instant now) {
        try {
            if (!grants.revoke(grant.id(), reason, now)) {
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not revoke grant " + grant.id(), e);
        }
        // Consumers refuse access tokens of a revoked session by sid; a grant's id is its tokens' sid.
        outbox.append(Topics.AUTH_SESSIONS, SessionRevoked.TYPE, grant.id().toString(),
                new SessionRevoked(grant.id(), grant.userId(), reason, now, now.plus(config.tokens().accessTtl())), now);
        return true;
    }

    private static Set<String> narrowed(Set<String> granted, String scope) {
        Set<String> requested = OAuthScopes.parse(scope);
        if (requested.isEmpty()) {
            return granted;
        }
        for (String s : requested) {
            if (!granted.contains(s)) {
                throw OAuthError.invalidScope("The scope " + s + " was not granted.");
            }
        }
        return new LinkedHashSet<>(requested);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
