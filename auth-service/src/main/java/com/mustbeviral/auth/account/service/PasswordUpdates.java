package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.account.repository.AccountTokenRepository;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.partner.service.OAuthGrants;
import com.mustbeviral.auth.session.service.SessionFamilies;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.PasswordChanged;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Sets a new password and ends what the old one opened, with {@code user.password-changed} and a
 * {@code session.revoked} per session or grant ended, in one transaction. A pending reset link
 * stops working too: it was meant for the password just replaced.
 */
@ApplicationScoped
public class PasswordUpdates {

    /** What else ends with the old password. */
    public enum Ends {
        /** Every session but the caller's own (a change by a signed-in user). */
        OTHER_SESSIONS,
        /** Every session and every partner grant (a reset: the old password may be known to someone else). */
        EVERYTHING
    }

    private final UserRepository users;
    private final AccountTokenRepository tokens;
    private final SessionFamilies sessions;
    private final OAuthGrants grants;
    private final Outbox outbox;

    PasswordUpdates(UserRepository users, AccountTokenRepository tokens, SessionFamilies sessions, OAuthGrants grants,
            Outbox outbox) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.grants = grants;
        this.outbox = outbox;
    }

    /** Replaces the password; returns how many sessions and grants ended. */
    @Transactional(rollbackOn = Exception.class)
    public int replace(UUID userId, String passwordHash, String method, UUID keepSession, Ends ends, Instant now)
            throws SQLException {
        users.setPassword(userId, passwordHash, now);
        tokens.discardUnused(userId, LinkPurpose.RESET_PASSWORD);
        String reason = "password_" + method;
        int revoked = sessions.revokeOthers(userId, ends == Ends.EVERYTHING ? null : keepSession, reason);
        if (ends == Ends.EVERYTHING) {
            revoked += grants.revokeAllOf(userId, reason);
        }
        outbox.append(Topics.AUTH_USERS, PasswordChanged.TYPE, userId.toString(),
                new PasswordChanged(userId, method, revoked, now), now);
        return revoked;
    }
}
