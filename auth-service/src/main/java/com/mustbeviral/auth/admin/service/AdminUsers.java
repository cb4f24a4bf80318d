package com.mustbeviral.auth.admin.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.repository.ProfileRepository;
import com.mustbeviral.auth.admin.repository.UserSearchRepository;
import com.mustbeviral.auth.session.service.SessionFamilies;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AdminUsersListed;
import com.mustbeviral.contracts.auth.UserRoleChanged;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What admins do with accounts: list and search them, change a role. The acting admin's role is
 * checked against the database, not only the token (which may predate a demotion), and every action
 * is published for the audit trail in the same transaction as its effect.
 */
@ApplicationScoped
public class AdminUsers {

    /** The {@code session.revoked} reason of the sessions a role change ends. */
    static final String ROLE_CHANGED = "role_changed";

    private final ProfileRepository profiles;
    private final UserSearchRepository search;
    private final SessionFamilies sessions;
    private final Outbox outbox;
    private final Clock clock;

    AdminUsers(ProfileRepository profiles, UserSearchRepository search, SessionFamilies sessions, Outbox outbox,
            Clock clock) {
        this.profiles = profiles;
        this.search = search;
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** One page of the list; {@code nextCursor} is null on the last page. */
    public record Page(List<Profile> users, String nextCursor) {
    }

    /**
     * Live accounts newest first.
     *
     * @param text   start of a username, or a whole email address, any case; null for all
     * @param role   only this role; null for all
     * @param cursor the {@code nextCursor} of the previous page; null for the first
     */
    @Transactional(rollbackOn = Exception.class)
    public Page list(UUID actorId, String text, Role role, String cursor, int limit) throws SQLException {
        requireAdmin(actorId);
        UserSearchRepository.Position after = cursor == null ? null : UserListCursor.decode(cursor);
        List<Profile> found = search.search(text, role, after, limit + 1);
        List<Profile> page = found.subList(0, Math.min(limit, found.size()));
        String next = null;
        if (found.size() > limit) {
            Profile last = page.get(page.size() - 1);
            next = UserListCursor.encode(new UserSearchRepository.Position(last.createdAt(), last.id()));
        }
        Instant now = now();
        outbox.append(Topics.AUTH_USERS, AdminUsersListed.TYPE, actorId.toString(),
                new AdminUsersListed(actorId, role == null ? null : role.wireName(), text != null,
                        page.stream().map(Profile::id).toList(), now), now);
        return new Page(page, next);
    }

    /**
     * Gives a live account another role and ends its sessions: every service trusts the {@code role}
     * claim of a valid token, so a demoted admin's tokens must stop working now, not when they
     * expire. The revocations go out as {@code session.revoked} with the change, in its transaction;
     * the user's next login carries the new role. Partner grants stay: partner tokens carry no role.
     * An admin cannot demote themself (so one admin always remains).
     */
    @Transactional(rollbackOn = Exception.class)
    public Profile changeRole(UUID actorId, UUID userId, Role role) throws SQLException {
        requireAdmin(actorId);
        Profile target = profiles.findLive(userId)
                .orElseThrow(() -> new Refusal(AuthRefusal.NO_SUCH_ACCOUNT, "No live account " + userId + "."));
        if (actorId.equals(userId) && role != Role.ADMIN) {
            throw new Refusal(AuthRefusal.SELF_DEMOTION, "Another admin has to change your role.");
        }
        if (target.role() == role) {
            return target;
        }
        Instant now = now();
        if (!profiles.changeRole(userId, target.role(), role, now)) {
            // Unreachable while transactions take the write lock at BEGIN; kept for other databases.
            throw new Refusal(AuthRefusal.CHANGED_CONCURRENTLY, "The account changed meanwhile; try again.");
        }
        outbox.append(Topics.AUTH_USERS, UserRoleChanged.TYPE, userId.toString(),
                new UserRoleChanged(userId, actorId, target.role().wireName(), role.wireName(), now), now);
        sessions.revokeOthers(userId, null, ROLE_CHANGED);
        return new Profile(target.id(), target.email(), target.username(), target.displayName(), role,
                target.metadata(), target.onboardingCompleted(), target.version() + 1, target.createdAt(), now);
    }

    private void requireAdmin(UUID actorId) throws SQLException {
        if (profiles.findLive(actorId).filter(p -> p.role() == Role.ADMIN).isEmpty()) {
            throw new Refusal(AuthRefusal.NOT_ADMIN,
                    "Your account is no longer an admin; your access token predates the change.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
