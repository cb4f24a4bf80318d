package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.account.repository.AccountTokenRepository;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.mail.MailQueue;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.EmailVerified;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Proving an email address: registration queues the mail ({@link Registration}); its link, used
 * once and before it expires, marks the address verified ({@code user.email-verified}). A resend
 * queues a new mail, whose link replaces the previous one, within the mail limit.
 */
@ApplicationScoped
public class EmailVerification {

    private final AccountTokenRepository tokens;
    private final UserRepository users;
    private final MailQueue mail;
    private final Outbox outbox;
    private final Clock clock;

    EmailVerification(AccountTokenRepository tokens, UserRepository users, MailQueue mail, Outbox outbox, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.mail = mail;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public void verify(String token) throws SQLException {
        Instant now = now();
        Optional<UUID> userId = tokens.consume(Sha256.hex(token), LinkPurpose.VERIFY_EMAIL, now);
        Optional<UserRepository.Credentials> account = userId.isEmpty() ? Optional.empty()
                : users.findById(userId.get()).filter(a -> !a.deleted());
        if (account.isEmpty()) {
            throw invalidLink();
        }
        if (!account.get().emailVerified()) {
            users.markEmailVerified(account.get().user().id());
            outbox.append(Topics.AUTH_USERS, EmailVerified.TYPE, account.get().user().id().toString(),
                    new EmailVerified(account.get().user().id(), EmailVerified.METHOD_LINK, now), now);
        }
    }

    @Transactional(rollbackOn = Exception.class)
    public void resend(UUID userId) throws SQLException {
        UserRepository.Credentials account = users.findById(userId).filter(a -> !a.deleted())
                .orElseThrow(() -> new Refusal(AuthRefusal.NO_SUCH_ACCOUNT, "The account was deleted."));
        if (account.emailVerified()) {
            throw new Refusal(AuthRefusal.EMAIL_ALREADY_VERIFIED, "This account's email address is verified already.");
        }
        Instant now = now();
        Duration wait = mail.waitBeforeNext(userId, LinkPurpose.VERIFY_EMAIL, now);
        if (!wait.isZero()) {
            throw new MailThrottled(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        mail.enqueue(userId, LinkPurpose.VERIFY_EMAIL, now);
    }

    static Refusal invalidLink() {
        return new Refusal(AuthRefusal.INVALID_LINK,
                "This link is unknown, was used already, was replaced by a newer one, or has expired.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
