package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.mail.MailQueue;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.UserRegistered;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Sign-up with email and password: the account, its {@code user.registered} event and the
 * verification mail (queued, sent after the commit) commit together. The address stays unverified,
 * and the account limited, until the mail's link is used.
 */
@ApplicationScoped
public class Registration {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final MailQueue mail;
    private final Clock clock;

    Registration(UserRepository users, PasswordHasher hasher, Outbox outbox, MailQueue mail, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
        this.mail = mail;
        this.clock = clock;
    }

    public record NewAccount(String email, String username, String password, String displayName, Role role) {
    }

    public User register(NewAccount account) throws SQLException {
        if (!account.role().selfChosen()) {
            throw new Refusal(AuthRefusal.ROLE_NOT_ALLOWED,
                    "Registration creates creators and influencers; admins and moderators are made by admins.");
        }
        // Hash outside the transaction: it takes tens of milliseconds and needs no lock.
        return store(account, hasher.hash(account.password()));
    }

    @Transactional(rollbackOn = Exception.class)
    User store(NewAccount account, String passwordHash) throws SQLException {
        if (users.emailTaken(account.email())) {
            throw accountExists("email");
        }
        if (users.usernameTaken(account.username())) {
            throw accountExists("username");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        User user = new User(UUID.randomUUID(), account.email().trim(), account.username().trim(),
                account.displayName().trim(), account.role(), false, 1, now, now);
        try {
            users.insert(user, passwordHash);
        } catch (SQLException e) {
            // Lost a race with a concurrent sign-up for the same email or username.
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw accountExists("email or username");
            }
            throw e;
        }
        outbox.append(Topics.AUTH_USERS, UserRegistered.TYPE, user.id().toString(),
                new UserRegistered(user.id(), user.username(), user.displayName(), user.role().wireName(), now), now);
        mail.enqueue(user.id(), LinkPurpose.VERIFY_EMAIL, now);
        return user;
    }

    private static Refusal accountExists(String field) {
        return new Refusal(AuthRefusal.ACCOUNT_EXISTS, "An account with this " + field + " already exists.");
    }
}
