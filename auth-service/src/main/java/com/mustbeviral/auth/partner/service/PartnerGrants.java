package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.token.PartnerTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grants of the token endpoint: client_credentials, authorization_code with PKCE (S256 only)
 * and refresh_token (rotating, with reuse detection as for logins). What changes a grant commits
 * first ({@link OAuthGrants}); tokens are signed after, outside the transaction, so that an RSA
 * signature never holds SQLite's single writer.
 */
@ApplicationScoped
public class PartnerGrants {

    // RFC 7636 section 4.1: 43 to 128 unreserved characters.
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** What the token endpoint hands out; {@code refreshToken} and {@code idToken} may be null. */
    public record Issued(String accessToken, long expiresIn, Set<String> scopes, String refreshToken, String idToken) {
    }

    private final OAuthGrants grants;
    private final PartnerTokens tokens;
    private final Clock clock;

    PartnerGrants(OAuthGrants grants, PartnerTokens tokens, Clock clock) {
        this.grants = grants;
        this.tokens = tokens;
        this.clock = clock;
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

    /** Redeems an authorization code (see {@link OAuthGrants#redeem}), then signs its tokens. */
    public Issued redeemCode(OAuthClient client, String code, String redirectUri, String codeVerifier) throws SQLException {
        if (!CODE_VERIFIER.matcher(codeVerifier).matches()) {
            throw OAuthError.invalidRequest("code_verifier must be 43 to 128 unreserved characters (RFC 7636).");
        }
        if (!client.allows(OAuthClient.AUTHORIZATION_CODE)) {
            throw OAuthError.unauthorizedClient("This client may not use the authorization_code grant.");
        }
        OAuthGrants.Redeemed redeemed = grants.redeem(client, code, redirectUri, codeVerifier);
        OAuthGrants.Issuance issuance = redeemed.issuance();
        Set<String> scopes = issuance.scopes();
        String accessToken = accessToken(client, issuance);
        String idToken = scopes.contains(OAuthScopes.OPENID)
                ? tokens.idToken(client.clientId(), client.idTokenSignedResponseAlg(), issuance.account().user(),
                        redeemed.emailVerified(), scopes, redeemed.authTime(), redeemed.nonce(), accessToken, issuance.at())
                : null;
        return new Issued(accessToken, tokens.lifetimeSeconds(), scopes, issuance.refreshToken(), idToken);
    }

    /**
     * Exchanges a refresh token (see {@link OAuthGrants#rotate}), then signs the new access token. A
     * {@code scope} may narrow the new access token; the grant keeps its scopes.
     */
    public Issued refresh(OAuthClient client, String refreshToken, String scope) throws SQLException {
        if (!client.allows(OAuthClient.REFRESH_TOKEN)) {
            throw OAuthError.unauthorizedClient("This client may not use the refresh_token grant.");
        }
        OAuthGrants.Issuance issuance = grants.rotate(client, refreshToken, scope);
        return new Issued(accessToken(client, issuance), tokens.lifetimeSeconds(), issuance.scopes(),
                issuance.refreshToken(), null);
    }

    private String accessToken(OAuthClient client, OAuthGrants.Issuance issuance) {
        return tokens.issueForUser(client.clientId(), issuance.account().user(), issuance.account().plan(),
                issuance.grant().id(), issuance.scopes(), issuance.at());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
