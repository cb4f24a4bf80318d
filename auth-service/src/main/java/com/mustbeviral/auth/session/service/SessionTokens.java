package com.mustbeviral.auth.session.service;

import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.token.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;

/**
 * Hands out token pairs for sessions. The session's change commits first ({@link SessionFamilies});
 * the access token is signed after, outside the transaction, so that an RSA signature never holds
 * SQLite's single writer. A pair whose signing failed is lost to its client, which retries the
 * refresh within the grace window or logs in again.
 */
@ApplicationScoped
public class SessionTokens {

    private final SessionFamilies families;
    private final AccessTokens accessTokens;

    SessionTokens(SessionFamilies families, AccessTokens accessTokens) {
        this.families = families;
        this.accessTokens = accessTokens;
    }

    /** Starts a session for an authenticated user. */
    public TokenPair start(UserRepository.Credentials account, String ip, String userAgent) throws SQLException {
        return pair(families.open(account, ip, userAgent));
    }

    /** Exchanges a refresh token for a new pair; see {@link SessionFamilies#rotate}. */
    public RefreshOutcome<TokenPair> refresh(String refreshToken) throws SQLException {
        return families.rotate(refreshToken).map(this::pair);
    }

    private TokenPair pair(SessionFamilies.Opened session) {
        return new TokenPair(accessTokens.issue(session.subject(), session.sessionId(), session.at()),
                session.refreshToken(), accessTokens.lifetimeSeconds(), session.sessionId());
    }
}
