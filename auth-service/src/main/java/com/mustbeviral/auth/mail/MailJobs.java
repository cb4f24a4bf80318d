package com.mustbeviral.auth.mail;

import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.account.repository.AccountTokenRepository;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.scheduler.Scheduled;
import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sender's steps that write: each its own short transaction, none of them around the SMTP call. */
@ApplicationScoped
class MailJobs {

    private final MailQueueRepository queue;
    private final UserRepository users;
    private final AccountTokenRepository tokens;
    private final AuthConfig config;
    private final Clock clock;

    MailJobs(MailQueueRepository queue, UserRepository users, AccountTokenRepository tokens, AuthConfig config,
            Clock clock) {
        this.queue = queue;
        this.users = users;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    List<MailQueueRepository.Job> due(Instant now) throws SQLException {
        return queue.due(now, 50);
    }

    /**
     * The mail of a job, with a fresh link whose hash replaces the account's previous one; empty when
     * nothing is to be sent (no live account has the address asked for, the account was deleted, or
     * its email verified meanwhile), and the job is then closed. The token is made here, not when the job was queued, so that it never
     * waits anywhere in clear; a job retried after a crash sends a new link, which replaces the old.
     */
    @Transactional(rollbackOn = Exception.class)
    Optional<Mail> prepare(MailQueueRepository.Job job, Instant now) throws SQLException {
        Optional<UserRepository.Credentials> account = job.userId() != null ? users.findById(job.userId())
                : users.findByEmailIndex(job.emailIndex());
        if (account.isEmpty() || account.get().deleted()
                || (job.kind() == LinkPurpose.VERIFY_EMAIL && account.get().emailVerified())) {
            queue.markSent(job.id(), now);
            return Optional.empty();
        }
        String token = RandomTokens.next();
        Duration ttl = job.kind() == LinkPurpose.VERIFY_EMAIL ? config.mail().verifyLinkTtl() : config.mail().resetLinkTtl();
        tokens.replace(account.get().user().id(), job.kind(), Sha256.hex(token), now, now.plus(ttl));
        return Optional.of(AccountMails.of(job.kind(), account.get().user(), config.mail().appBaseUri(), token, ttl));
    }

    /** Forgets mail done more than a day (or a send window) ago: the limits look back no further. */
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional(rollbackOn = Exception.class)
    void purgeDone() throws SQLException {
        Duration keep = config.mail().sendWindow().compareTo(Duration.ofDays(1)) > 0 ? config.mail().sendWindow()
                : Duration.ofDays(1);
        queue.purgeDone(clock.instant().minus(keep));
    }

    @Transactional(rollbackOn = Exception.class)
    void sent(MailQueueRepository.Job job, Instant now) throws SQLException {
        queue.markSent(job.id(), now);
    }

    @Transactional(rollbackOn = Exception.class)
    void failed(MailQueueRepository.Job job, Instant now, Instant retryAt) throws SQLException {
        if (retryAt == null) {
            queue.markFailed(job.id(), now);
        } else {
            queue.retryAt(job.id(), retryAt);
        }
    }
}
