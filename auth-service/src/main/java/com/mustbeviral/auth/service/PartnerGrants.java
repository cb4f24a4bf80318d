package com.mustbeviral.auth.service;

import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.OAuthClient;
import com.mustbeviral.auth.OAuthScopes;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.event.Outbox;
import com.mustbeviral.auth.repository.AuthorizationCodeRepository;
import com.mustbeviral.auth.repository.OAuthGrantRepository;
import com.mustbeviral.auth.repository.OAuthGrantRepository.Grant;
import com.mustbeviral.auth.repository.UserClaimsRepository;
import com.mustbeviral.auth.repository.UserRepository;
import com.mustbeviral.auth.token.PartnerTokens;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.TokenReuseDetected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The grants of the token endpoint: client_credentials, authorization_code with PKCE (S256 only)
 * and refresh_token (rotating, with reuse detection as for logins). Redeeming a code creates a
 * grant, whose id is the {@code sid} of its access tokens. Methods that revoke on a replay keep the
 * revocation when they then refuse ({@code dontRollbackOn}); every other refusal comes before any write.
 */
@ApplicationScoped
public class PartnerGrants {

    // RFC 7636 section 4.1: 43 to 128 unreserved characters.
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** What the token endpoint hands out; {@code refreshToken} and {@code idToken} may be null. */
    public record Issued(String accessToken, long expiresIn, Set<String> scopes, String refreshToken, String idToken) {
    }

    private final AuthorizationCodeRepository codes;
    private final OAuthGrantRepository grants;
    private final UserRepository users;
    private final UserClaimsRepository userClaims;
    private final PartnerTokens tokens;
    private final Outbox outbox;
    private final AuthConfig config;
    private final Clock clock = Clock.systemUTC();

    PartnerGrants(AuthorizationCodeRepository codes, OAuthGrantRepository grants, UserRepository users,
            UserClaimsRepository userClaims, PartnerTokens tokens, Outbox outbox, AuthConfig config) {
        this.codes = codes;
        this.grants = grants;
        this.users = users;
        this.userClaims = userClaims;
        this.tokens = tokens;
        this.outbox = outbox;
        this.config = config;
    }

    /** A token the client holds for itself; by default for every scope it may have that is not about a person. */
    public Issued clientCredentials(OAuthClient client, String scope) {
        if (client.publicClient() || !client.allows(OAuthClient.CLIENT_CREDENTIALS)) {
            throw OAuthError.unauthorizedClient("This client may not use the client_credentials grant.");
        }
        Set<String> scopes = OAuthScopes.parse(scope);
        if (scopes.isEmpty()) {
            client.scopes().stream().filter(s -> !OAuthScopes.USER_ONLY.contains(s)).forEach(scopes::add);
        }
        for (String s : scopes) {
            if (!client.scopes().contains(s) || OAuthScopes.USER_ONLY.contains(s)) {
                throw OAuthError.invalidScope("The scope " + s + " is not available to this client on its own behalf.");
            }
        }
        if (scopes.isEmpty()) {
            throw OAuthError.invalidScope("This client has no scope it may hold on its own behalf.");
        }
        Instant now = now();
        return new Issued(tokens.issueForClient(client.clientId(), scopes, now), tokens.lifetimeSeconds(), scopes, null,
                null);
    }

    /**
     * Redeems an authorization code. A code is single-use: presenting a redeemed code again revokes
     * the grant it created (RFC 6749 section 4.1.2), since one of the two presenters stole it.
     */
    @Transactional(rollbackOn = Exception.class, dontRollbackOn = OAuthError.class)
    public Issued redeemCode(OAuthClient client, String code, String redirectUri, String codeVerifier) throws SQLException {
        if (!CODE_VERIFIER.matcher(codeVerifier).matches()) {
            throw OAuthError.invalidRequest("code_verifier must be 43 to 128 unreserved characters (RFC 7636).");
        }
        if (!client.allows(OAuthClient.AUTHORIZATION_CODE)) {
            throw OAuthError.unauthorizedClient("This client may not use the authorization_code grant.");
        }
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
            throw new IllegalStateException("Authorization code redeemed concurrently"); // writers are serialized
        }
        String refreshToken = null;
        if (client.allows(OAuthClient.REFRESH_TOKEN) && grant.scopes().contains(OAuthScopes.OFFLINE_ACCESS)) {
            refreshToken = RandomTokens.next();
            grants.insertRefreshToken(Sha256.hex(refreshToken), grant.id(), 0, now);
        }
        String accessToken = tokens.issueForUser(client.clientId(), account.user(), account.plan(), grant.id(),
                grant.scopes(), now);
        String idToken = grant.scopes().contains(OAuthScopes.OPENID)
                ? tokens.idToken(client.clientId(), account.user(), userClaims.emailVerified(stored.userId()),
                        grant.scopes(), stored.authTime(), stored.nonce(), accessToken, now)
                : null;
        return new Issued(accessToken, tokens.lifetimeSeconds(), grant.scopes(), refreshToken, idToken);
    }

    /**
     * Exchanges a refresh token: the grant's current token rotates; the one rotated just before may
     * come back once within the grace window; any older one is a reuse and revokes the grant. A
     * {@code scope} may narrow the new access token; the grant keeps its scopes.
     */
    @Transactional(rollbackOn = Exception.class, dontRollbackOn = OAuthError.class)
    public Issued refresh(OAuthClient client, String refreshToken, String scope) throws SQLException {
        if (!client.allows(OAuthClient.REFRESH_TOKEN)) {
            throw OAuthError.unauthorizedClient("This client may not use the refresh_token grant.");
        }
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
        boolean current = issued.generation() == grant.generation();
        boolean inGrace = issued.generation() == grant.generation() - 1
                && issued.rotatedAt() != null
                && issued.rotatedAt().plus(config.tokens().refreshGraceWindow()).isAfter(now)
                && grants.spendGrace(hash, config.tokens().refreshGraceUses());
        if (!current && !inGrace) {
            revoke(grant, "refresh_token_reuse", now);
            outbox.append(Topics.AUTH_SESSIONS, TokenReuseDetected.TYPE, grant.id().toString(),
                    new TokenReuseDetected(grant.id(), grant.userId(), grant.id().toString(), now), now);
            throw OAuthError.invalidGrant("The refresh token was already used; its grant is now revoked.");
        }
        if (!grants.advance(grant.id(), grant.generation(), now)) {
            throw new IllegalStateException("Grant rotated concurrently"); // writers are serialized
        }
        grants.markRotated(grant.id(), grant.generation(), now);
        String next = RandomTokens.next();
        grants.insertRefreshToken(Sha256.hex(next), grant.id(), grant.generation() + 1, now);
        return new Issued(tokens.issueForUser(client.clientId(), account.user(), account.plan(), grant.id(), scopes, now),
                tokens.lifetimeSeconds(), scopes, next, null);
    }

    /** RFC 7009: revokes the grant behind a refresh token or a user access token of this client, if live. */
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
