package com.mustbeviral.auth.session.service;

import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.refresh.RefreshRotation;
import com.mustbeviral.auth.session.Session;
import com.mustbeviral.auth.session.repository.RefreshTokenRepository;
import com.mustbeviral.auth.session.repository.SessionRepository;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionCreated;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.TokenReuseDetected;
import com.mustbeviral.platform.outbox.Outbox;
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
 * Sessions and their refresh-token families: open one at login, rotate its refresh token on every
 * use, detect the reuse of a rotated token, revoke. Every change and its event commit together.
 * Signs nothing: {@link SessionTokens} signs access tokens after the commit.
 */
@ApplicationScoped
public class SessionFamilies {

    /** A session just opened or rotated, with its new refresh token (known only here, stored as a hash). */
    public record Opened(UserRepository.TokenSubject subject, UUID sessionId, String refreshToken, Instant at) {
    }

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final Outbox outbox;
    private final RefreshRotation rotation;
    private final AuthConfig.Tokens config;
    private final Clock clock;

    SessionFamilies(SessionRepository sessions, RefreshTokenRepository refreshTokens, UserRepository users,
            Outbox outbox, RefreshRotation rotation, AuthConfig config, Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.outbox = outbox;
        this.rotation = rotation;
        this.config = config.tokens();
        this.clock = clock;
    }

    /** Opens a session for an authenticated user. */
    @Transactional(rollbackOn = Exception.class)
    public Opened open(UserRepository.Credentials account, String ip, String userAgent) throws SQLException {
        Instant now = now();
        Session session = new Session(UUID.randomUUID(), account.user().id(), 0, ip, userAgent, DeviceType.of(userAgent),
                now, now, now.plus(config.sessionTtl()), null);
        String refreshToken = RandomTokens.next();
        sessions.insert(session, Sha256.hex(refreshToken));
        refreshTokens.insert(Sha256.hex(refreshToken), session.id(), 0, now);
        outbox.append(Topics.AUTH_SESSIONS, SessionCreated.TYPE, session.id().toString(),
                new SessionCreated(session.id(), session.userId(), session.deviceType(), now, session.expiresAt()), now);
        return new Opened(account.subject(), session.id(), refreshToken, now);
    }

    /**
     * Rotates the session's current refresh token by the family rule of {@link RefreshRotation}: the
     * token rotated just before, within the grace window, rotates the family again, so only one token
     * of the family is ever current; a reuse revokes the session.
     */
    @Transactional(rollbackOn = Exception.class)
    public RefreshOutcome<Opened> rotate(String refreshToken) throws SQLException {
        Instant now = now();
        String hash = Sha256.hex(refreshToken);
        Optional<RefreshTokenRepository.Issued> issued = refreshTokens.find(hash);
        if (issued.isEmpty()) {
            return new RefreshOutcome.Rejected<>();
        }
        Session session = sessions.find(issued.get().sessionId()).orElseThrow();
        if (!session.activeAt(now)) {
            return new RefreshOutcome.Rejected<>();
        }
        Optional<UserRepository.TokenSubject> subject = users.findTokenSubject(session.userId());
        if (subject.isEmpty() || subject.get().deleted()) {
            return new RefreshOutcome.Rejected<>();
        }
        RefreshRotation.Verdict verdict = rotation.judge(issued.get().generation(), session.generation(),
                issued.get().rotatedAt(), now, maxUses -> refreshTokens.spendGrace(hash, maxUses));
        if (!verdict.rotates()) {
            revoke(session, "refresh_token_reuse", now);
            outbox.append(Topics.AUTH_SESSIONS, TokenReuseDetected.TYPE, session.id().toString(),
                    new TokenReuseDetected(session.id(), session.userId(), session.id().toString(), now), now);
            return new RefreshOutcome.ReuseDetected<>();
        }
        String next = RandomTokens.next();
        if (!sessions.advance(session.id(), session.generation(), Sha256.hex(next), now)) {
            // Cannot happen while transactions take turns (WriterQueue); refuse rather than fork the family.
            return new RefreshOutcome.Rejected<>();
        }
        refreshTokens.markRotated(session.id(), session.generation(), now);
        refreshTokens.insert(Sha256.hex(next), session.id(), session.generation() + 1, now);
        return new RefreshOutcome.Rotated<>(new Opened(subject.get(), session.id(), next, now));
    }

    /** Revokes one of the user's own sessions; false when there is no such live session. */
    @Transactional(rollbackOn = Exception.class)
    public boolean revoke(UUID userId, UUID sessionId, String reason) throws SQLException {
        Optional<Session> session = sessions.find(sessionId).filter(s -> s.userId().equals(userId));
        return session.isPresent() && revoke(session.get(), reason, now());
    }

    /** Revokes every live session of the user except {@code keep} (may be null); returns how many. */
    @Transactional(rollbackOn = Exception.class)
    public int revokeOthers(UUID userId, UUID keep, String reason) throws SQLException {
        int revoked = 0;
        Instant now = now();
        for (Session s : sessions.active(userId, now)) {
            if (!s.id().equals(keep) && revoke(s, reason, now)) {
                revoked++;
            }
        }
        return revoked;
    }

    public List<Session> active(UUID userId) throws SQLException {
        return sessions.active(userId, now());
    }

    /** Whether an access token's session is still live (auth checks its own tokens against this). */
    public boolean isActive(UUID sessionId) throws SQLException {
        return sessions.find(sessionId).map(s -> s.activeAt(now())).orElse(false);
    }

    private boolean revoke(Session session, String reason, Instant now) throws SQLException {
        if (!sessions.revoke(session.id(), reason, now)) {
            return false;
        }
        outbox.append(Topics.AUTH_SESSIONS, SessionRevoked.TYPE, session.id().toString(),
                new SessionRevoked(session.id(), session.userId(), reason, now, now.plus(config.accessTtl())), now);
        return true;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
