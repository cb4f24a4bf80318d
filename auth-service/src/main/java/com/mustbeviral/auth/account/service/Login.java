package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.session.service.SessionTokens;
import com.mustbeviral.auth.session.service.TokenPair;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import com.mustbeviral.contracts.auth.PasswordChanged;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Password login. An unknown account, a deleted one and a wrong password get the same answer after
 * the same work (one argon2id verification), so the answer tells nothing about who has an account.
 */
@ApplicationScoped
public class Login {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionTokens sessions;
    private final PasswordUpdates passwords;
    private final Clock clock;
    // Verified against when there is no real hash, so that every failure costs the same.
    private volatile String decoyHash;

    Login(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, SessionTokens sessions,
            PasswordUpdates passwords, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Logs in. An account that must replace its password (the bootstrap admin) is refused until the
     * login also brings {@code newPassword}: then the password is replaced first, every earlier
     * session ends, and the session starts with the new one.
     */
    public TokenPair login(String identifier, String password, String newPassword, String ip, String userAgent)
            throws SQLException {
        UserRepository.Credentials account = authenticate(identifier, password, ip);
        if (newPassword != null) {
            UUID id = account.user().id();
            passwords.replace(id, hasher.hash(newPassword), PasswordChanged.METHOD_REQUIRED_AT_LOGIN, null,
                    PasswordUpdates.Ends.OTHER_SESSIONS, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            account = users.findById(id).orElseThrow();
        } else if (account.passwordChangeRequired()) {
            throw new Refusal(AuthRefusal.PASSWORD_CHANGE_REQUIRED, "This account must choose a new password:"
                    + " log in again with the current password and a new_password.");
        }
        return sessions.start(account, ip, userAgent);
    }

    /** Checks a password (throttled, the same answer for every failure) without starting a session. */
    public UserRepository.Credentials authenticate(String identifier, String password, String ip) throws SQLException {
        LoginThrottle.Check check = throttle.check(identifier, ip);
        long retryAfter = check.retryAfterSeconds();
        if (retryAfter > 0) {
            throw new LoginThrottled(retryAfter);
        }
        Optional<UserRepository.Credentials> account = users.findForLogin(identifier)
                .filter(a -> !a.deleted() && a.passwordHash() != null);
        boolean matches = hasher.matches(account.map(UserRepository.Credentials::passwordHash).orElseGet(this::decoy),
                password);
        if (account.isEmpty() || !matches) {
            throttle.recordFailure(identifier, ip);
            throw new Refusal(AuthRefusal.INVALID_CREDENTIALS, "The login or the password is wrong.");
        }
        throttle.recordSuccess(identifier, check);
        if (hasher.outdated(account.get().passwordHash())) {
            // The password is at hand only now: redo its hash with the current cost, once.
            users.replacePasswordHash(account.get().user().id(), account.get().passwordHash(), hasher.hash(password));
        }
        return account.get();
    }

    private String decoy() {
        String hash = decoyHash;
        if (hash == null) {
            hash = hasher.hash(UUID.randomUUID().toString());
            decoyHash = hash;
        }
        return hash;
    }
}
