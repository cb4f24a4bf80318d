package com.mustbeviral.auth.mail;

import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.pii.EmailIndex;
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
    private final EmailIndex emailIndex;
    private final AuthConfig config;
    private final Event<MailQueued> queued;

    MailQueue(MailQueueRepository queue, EmailIndex emailIndex, AuthConfig config, Event<MailQueued> queued) {
        this.queue = queue;
        this.emailIndex = emailIndex;
        this.config = config;
        this.queued = queued;
    }

    /**
     * How long until the account may be sent another mail of this kind; zero when it may now.
     * Read in the transaction that then queues, which holds the one write turn: no race.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public Duration waitBeforeNext(UUID userId, LinkPurpose kind, Instant now) throws SQLException {
        return waitAfter(queue.queuedSince(userId, kind, now.minus(config.mail().sendWindow())), now);
    }

    /** As {@link #waitBeforeNext(UUID, LinkPurpose, Instant)}, for mail asked for an address, account or not. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public Duration waitBeforeNextTo(String email, LinkPurpose kind, Instant now) throws SQLException {
        return waitAfter(queue.queuedSince(emailIndex.of(email), kind, now.minus(config.mail().sendWindow())), now);
    }

    private Duration waitAfter(List<Instant> recent, Instant now) {
        Duration window = config.mail().sendWindow();
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
        queue.insert(userId, null, kind, now);
        queued.fire(new MailQueued());
    }

    /**
     * Queues mail for whichever live account has this address, if any: the sender looks it up. The
     * caller does the same work whether the address has an account or not.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void enqueueTo(String email, LinkPurpose kind, Instant now) throws SQLException {
        queue.insert(null, emailIndex.of(email), kind, now);
        queued.fire(new MailQueued());
    }
}
