package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.account.repository.AccountTokenRepository;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.mail.MailQueue;
import com.mustbeviral.auth.social.service.ForeignLinks;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.EmailVerified;
import com.mustbeviral.contracts.auth.PasswordChanged;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * "Forgot password": a request queues a mail with a short-lived single-use link, which the sender
 * sends when the address belongs to a live account; the request answers the same either way, after
 * the same work, so it tells nobody who has an account. Using the link sets the
 * new password and ends every session and partner grant. The link reached the mailbox, so it also
 * proves the address: an unproven account becomes verified, and whatever links someone else may
 * have added before are dropped (see {@link ForeignLinks}).
 */
@ApplicationScoped
public class PasswordReset {

    private final UserRepository users;
    private final AccountTokenRepository tokens;
    private final PasswordHasher hasher;
    private final PasswordUpdates passwords;
    private final ForeignLinks foreignLinks;
    private final MailQueue mail;
    private final Outbox outbox;
    private final Clock clock;

    PasswordReset(UserRepository users, AccountTokenRepository tokens, PasswordHasher hasher, PasswordUpdates passwords,
            ForeignLinks foreignLinks, MailQueue mail, Outbox outbox, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.passwords = passwords;
        this.foreignLinks = foreignLinks;
        this.mail = mail;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Queues a reset mail for the address, within its mail limit; silent otherwise. Whether an account
     * has the address is not asked here but by the sender: the request does the same work (one count
     * and one insert, by the address's blind index) for every address, so neither its answer nor its
     * time tells who has an account.
     */
    @Transactional(rollbackOn = Exception.class)
    public void request(String email) throws SQLException {
        Instant now = now();
        if (mail.waitBeforeNextTo(email, LinkPurpose.RESET_PASSWORD, now).isZero()) {
            mail.enqueueTo(email, LinkPurpose.RESET_PASSWORD, now);
        }
    }

    public void reset(String token, String newPassword) throws SQLException {
        // Hash first, outside the transaction (tens of milliseconds); an invalid link costs the same.
        apply(token, hasher.hash(newPassword));
    }

    @Transactional(rollbackOn = Exception.class)
    void apply(String token, String passwordHash) throws SQLException {
        Instant now = now();
        Optional<UUID> userId = tokens.consume(Sha256.hex(token), LinkPurpose.RESET_PASSWORD, now);
        Optional<UserRepository.Credentials> account = userId.isEmpty() ? Optional.empty()
                : users.findById(userId.get()).filter(a -> !a.deleted());
        if (account.isEmpty()) {
            throw EmailVerification.invalidLink();
        }
        UUID id = account.get().user().id();
        passwords.replace(id, passwordHash, PasswordChanged.METHOD_RESET, null, PasswordUpdates.Ends.EVERYTHING, now);
        if (!account.get().emailVerified()) {
            foreignLinks.dropAll(id, now);
            users.markEmailVerified(id);
            outbox.append(Topics.AUTH_USERS, EmailVerified.TYPE, id.toString(),
                    new EmailVerified(id, EmailVerified.METHOD_PASSWORD_RESET, now), now);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
