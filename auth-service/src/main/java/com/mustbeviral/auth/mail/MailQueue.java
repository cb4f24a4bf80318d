package com.mustbeviral.auth.mail;

import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Asks for a mail in the caller's transaction: the row commits with the change that wants the mail
 * (a registration, a reset request), so a rollback sends nothing and a crash after the commit loses
 * nothing; {@link MailSender} sends it after the commit. Each account gets at most
 * {@code auth.mail.max-per-window} mails of a kind per {@code send-window}.
 */
@ApplicationScoped
public class MailQueue {

    private final MailQueueRepository queue;
    private final AuthConfig config;
    private final Event<MailQueued> queued;

    MailQueue(MailQueueRepository queue, AuthConfig config, Event<MailQueued> queued) {
        this.queue = queue;
        this.config = config;
        this.queued = queued;
    }

    /**
     * How long until the account may be sent another mail of this kind; zero when it may now.
     * Read in the transaction that then queues, which holds the one write turn: no race.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public Duration waitBeforeNext(UUID userId, LinkPurpose kind, Instant now) throws SQLException {
        Duration window = config.mail().sendWindow();
        List<Instant> recent = queue.queuedSince(userId, kind, now.minus(window));
        int max = config.mail().maxPerWindow();
        if (recent.size() < max) {
            return Duration.ZERO;
        }
        // The oldest mail that counts leaves the window first.
        Instant freed = recent.get(recent.size() - max).plus(window);
        return Duration.between(now, freed).plusMillis(1);
    }

    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void enqueue(UUID userId, LinkPurpose kind, Instant now) throws SQLException {
        queue.insert(userId, kind, now);
        queued.fire(new MailQueued());
    }
}
