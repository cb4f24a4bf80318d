package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.contracts.auth.PasswordChanged;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A signed-in user changes their password: the current one is checked like a login's (throttled, so
 * a stolen access token is no faster a way to guess it), and every other session of theirs ends.
 */
@ApplicationScoped
public class PasswordChange {

    private final UserRepository users;
    private final Login login;
    private final PasswordHasher hasher;
    private final PasswordUpdates passwords;
    private final Clock clock;

    PasswordChange(UserRepository users, Login login, PasswordHasher hasher, PasswordUpdates passwords, Clock clock) {
        this.users = users;
        this.login = login;
        this.hasher = hasher;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Returns how many other sessions ended. */
    public int change(UUID userId, UUID sessionId, String currentPassword, String newPassword, String ip)
            throws SQLException {
        UserRepository.Credentials account = users.findById(userId).filter(a -> !a.deleted())
                .orElseThrow(() -> new Refusal(AuthRefusal.NO_SUCH_ACCOUNT, "The account was deleted."));
        try {
            login.authenticate(account.user().username(), currentPassword, ip);
        } catch (LoginThrottled throttled) {
            throw throttled;
        } catch (Refusal wrong) {
            throw new Refusal(AuthRefusal.WRONG_CURRENT_PASSWORD, "The current password is wrong.");
        }
        return passwords.replace(userId, hasher.hash(newPassword), PasswordChanged.METHOD_CHANGE, sessionId,
                PasswordUpdates.Ends.OTHER_SESSIONS, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
