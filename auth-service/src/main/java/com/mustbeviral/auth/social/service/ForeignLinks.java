package com.mustbeviral.auth.social.service;

import com.mustbeviral.auth.social.LinkedAccount;
import com.mustbeviral.auth.social.repository.LinkedAccountRepository;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AccountUnlinked;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Drops the social links of an account whose email was just proven by someone who may not be the
 * one who set the account up: whoever registered an address without proving it could have linked
 * their own GitHub or X account and kept that way in after the owner took the account over
 * (pre-account-takeover). Each removal publishes {@code user.account-unlinked}.
 */
@ApplicationScoped
public class ForeignLinks {

    private final LinkedAccountRepository links;
    private final Outbox outbox;

    ForeignLinks(LinkedAccountRepository links, Outbox outbox) {
        this.links = links;
        this.outbox = outbox;
    }

    /** Removes every link of the user; returns how many. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public int dropAll(UUID userId, Instant now) throws SQLException {
        int dropped = 0;
        for (LinkedAccount link : links.listByUser(userId)) {
            links.delete(userId, link.provider());
            outbox.append(Topics.AUTH_USERS, AccountUnlinked.TYPE, userId.toString(),
                    new AccountUnlinked(userId, link.provider(), link.providerUserId(), now), now);
            dropped++;
        }
        return dropped;
    }
}
