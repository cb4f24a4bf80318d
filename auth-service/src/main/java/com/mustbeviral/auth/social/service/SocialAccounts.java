package com.mustbeviral.auth.social.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.partner.service.OAuthGrants;
import com.mustbeviral.auth.session.service.SessionFamilies;
import com.mustbeviral.auth.session.service.SessionTokens;
import com.mustbeviral.auth.session.service.TokenPair;
import com.mustbeviral.auth.social.LinkedAccount;
import com.mustbeviral.auth.social.repository.LinkedAccountRepository;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AccountLinked;
import com.mustbeviral.contracts.auth.AccountUnlinked;
import com.mustbeviral.contracts.auth.UserRegistered;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which user a provider identity is, and the links between them. A link logs in; a verified email
 * links to the account holding it; an unverified or absent email never links by itself (an account
 * takeover otherwise needs only a provider account claiming the victim's address); anyone else gets a
 * new account. When a verified email claims an account whose email nobody had verified, whoever
 * registered it may not be its owner: its password goes, its sessions and partner grants end, its
 * links go. An account whose email is unverified cannot link a provider itself either. Every
 * change commits with its events, and rolls back on an SQLException too (Jakarta
 * Transactions would commit the half done on a checked exception).
 */
@ApplicationScoped
public class SocialAccounts {

    // Accounts without a vouched-for email get an address that can never receive mail (RFC 2606),
    // so that no unverified address is claimed and users.email stays unique and not null.
    private static final String PLACEHOLDER_DOMAIN = "users.noreply.mustbeviral.invalid";
    /** Reason of the session.revoked events when a provider-verified email claims an unverified account. */
    static final String EMAIL_CLAIMED = "email_claimed_by_provider";

    private final UserRepository users;
    private final LinkedAccountRepository links;
    private final OAuthGrants grants;
    private final SessionFamilies sessions;
    private final SessionTokens tokens;
    private final Outbox outbox;
    private final ForeignLinks foreignLinks;
    private final SocialUsernames usernames = new SocialUsernames();
    private final Clock clock;

    SocialAccounts(UserRepository users, LinkedAccountRepository links, OAuthGrants grants, SessionFamilies sessions,
            SessionTokens tokens, Outbox outbox, ForeignLinks foreignLinks, Clock clock) {
        this.foreignLinks = foreignLinks;
        this.users = users;
        this.links = links;
        this.grants = grants;
        this.sessions = sessions;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Who the person is: the user of an existing link, the account of a verified email (now linked),
     * or a new account. The session starts apart, at {@link #startSession}, when the app asks for it.
     *
     * @throws SocialLoginRefused when the identity may not log in to the account it points to
     */
    @Transactional(rollbackOn = Exception.class)
    public UUID logIn(ProviderIdentity identity) throws SQLException {
        Instant now = now();
        Optional<LinkedAccount> link = links.find(identity.provider(), identity.subject());
        if (link.isPresent()) {
            return live(users.findById(link.get().userId()).orElseThrow());
        }
        Optional<UserRepository.Credentials> holder = identity.email() == null ? Optional.empty()
                : users.findByEmail(identity.email());
        if (holder.isPresent()) {
            if (!identity.emailVerified()) {
                throw new SocialLoginRefused(SocialRefusal.linkRequired(identity.provider()));
            }
            UserRepository.Credentials account = holder.get();
            live(account);
            if (!account.emailVerified()) {
                // Before linking: the links dropped are the registrant's, never the owner's own.
                evictUnprovenHolder(account.user().id(), now);
            }
            link(account.user().id(), identity, AccountLinked.METHOD_VERIFIED_EMAIL, now);
            users.markEmailVerified(account.user().id());
            return account.user().id();
        }
        User user = createUser(identity, now);
        link(user.id(), identity, AccountLinked.METHOD_SIGN_UP, now);
        return user.id();
    }

    /** Starts a session for the user a social login found, unless the account was deleted meanwhile. */
    @Transactional(rollbackOn = Exception.class)
    public TokenPair startSession(UUID userId, String ip, String userAgent) throws SQLException {
        UserRepository.Credentials account = users.findById(userId)
                .orElseThrow(() -> new SocialLoginRefused(SocialRefusal.accountDeleted()));
        live(account);
        return tokens.start(account, ip, userAgent);
    }

    /**
     * Links the identity to a logged-in user, who proved both accounts, provided the user's email is
     * verified: a link added to an account whose address nobody proved could be an attacker's, waiting
     * for the address's owner to take the account over.
     *
     * @throws SocialLoginRefused when it logs in to someone else already, or the email is unverified
     */
    @Transactional(rollbackOn = Exception.class)
    public LinkedAccount linkTo(UUID userId, ProviderIdentity identity) throws SQLException {
        Optional<UserRepository.Credentials> account = users.findById(userId);
        if (account.isEmpty() || account.get().deleted()) {
            throw new SocialLoginRefused(SocialRefusal.accountDeleted());
        }
        if (!mayLink(account.get())) {
            throw new SocialLoginRefused(SocialRefusal.emailUnverified());
        }
        Optional<LinkedAccount> existing = links.find(identity.provider(), identity.subject());
        if (existing.isPresent()) {
            if (!existing.get().userId().equals(userId)) {
                throw new SocialLoginRefused(SocialRefusal.linkedElsewhere(identity.provider()));
            }
            return existing.get();
        }
        return link(userId, identity, AccountLinked.METHOD_EXPLICIT, now());
    }

    /** Refuses to start linking for an account whose email is unverified (see {@link #linkTo}). */
    public void requireVerifiedEmail(UUID userId) throws SQLException {
        if (!users.findById(userId).map(SocialAccounts::mayLink).orElse(false)) {
            throw new Refusal(AuthRefusal.EMAIL_UNVERIFIED,
                    "Verify your email address before linking other accounts to this one.");
        }
    }

    public List<LinkedAccount> linked(UUID userId) throws SQLException {
        return links.listByUser(userId);
    }

    /** Unlinks a provider, unless it is the last way to log in (no password, no other link). */
    @Transactional(rollbackOn = Exception.class)
    public void unlink(UUID userId, String provider) throws SQLException {
        List<LinkedAccount> all = links.listByUser(userId);
        LinkedAccount link = all.stream().filter(l -> l.provider().equals(provider)).findFirst()
                .orElseThrow(() -> new Refusal(AuthRefusal.NOT_LINKED, "No " + provider + " account is linked."));
        boolean hasPassword = users.findById(userId).map(a -> a.passwordHash() != null).orElse(false);
        if (!hasPassword && all.size() == 1) {
            throw new Refusal(AuthRefusal.LAST_LOGIN_METHOD, "This " + provider + " account is the only way to log in"
                    + " to this account; link another provider or set a password first.");
        }
        links.delete(userId, provider);
        Instant now = now();
        outbox.append(Topics.AUTH_USERS, AccountUnlinked.TYPE, userId.toString(),
                new AccountUnlinked(userId, provider, link.providerUserId(), now), now);
    }

    /**
     * Pre-account-takeover: anyone could register with this address, since registration does not
     * verify it, and wait for its owner to sign in with a provider. The provider has now proved who
     * owns it, so what the registrant set up is dropped, as serious identity providers do: the
     * password (only the provider logs in until the owner sets one), every session and every partner
     * grant (each revocation published on auth.sessions, so the gateway refuses their access tokens
     * at once), and every social account linked to it (each unlink published).
     */
    private void evictUnprovenHolder(UUID userId, Instant now) throws SQLException {
        users.removePassword(userId, now);
        foreignLinks.dropAll(userId, now);
        sessions.revokeOthers(userId, null, EMAIL_CLAIMED);
        // Partners the registrant authorized hold refresh tokens into the account too.
        grants.revokeAllOf(userId, EMAIL_CLAIMED);
    }

    /**
     * Whether the account may have providers linked: its email is verified, or it is a placeholder
     * that no mailbox has (an account a provider created without an email): nobody can have
     * registered someone else's address there, so there is no owner to wait for.
     */
    private static boolean mayLink(UserRepository.Credentials account) {
        return account.emailVerified() || account.user().email().endsWith("@" + PLACEHOLDER_DOMAIN);
    }

    private static UUID live(UserRepository.Credentials account) {
        if (account.deleted()) {
            throw new SocialLoginRefused(SocialRefusal.accountDeleted());
        }
        return account.user().id();
    }

    private LinkedAccount link(UUID userId, ProviderIdentity identity, String method, Instant now) throws SQLException {
        if (links.findByUser(userId, identity.provider()).isPresent()) {
            throw new SocialLoginRefused(SocialRefusal.providerAlreadyLinked(identity.provider()));
        }
        LinkedAccount link = new LinkedAccount(identity.provider(), identity.subject(), userId, identity.username(),
                identity.email(), identity.emailVerified(), now);
        links.insert(link);
        outbox.append(Topics.AUTH_USERS, AccountLinked.TYPE, userId.toString(),
                new AccountLinked(userId, identity.provider(), identity.subject(), method, now), now);
        return link;
    }

    private User createUser(ProviderIdentity identity, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        String username = usernames.derive(identity, users);
        String email = identity.emailVerified() ? identity.email() : id + "@" + PLACEHOLDER_DOMAIN;
        String displayName = identity.displayName() == null || identity.displayName().isBlank() ? username
                : truncate(identity.displayName().trim(), 100);
        User user = new User(id, email, username, displayName, Role.CREATOR, false, 1, now, now);
        users.insert(user, null);
        if (identity.emailVerified()) {
            users.markEmailVerified(user.id());
        }
        outbox.append(Topics.AUTH_USERS, UserRegistered.TYPE, user.id().toString(),
                new UserRegistered(user.id(), user.username(), user.displayName(), user.role().wireName(), now), now);
        return user;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
