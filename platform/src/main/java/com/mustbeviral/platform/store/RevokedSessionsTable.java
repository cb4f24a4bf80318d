package com.mustbeviral.platform.store;

import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.revocation.FleetClockSkew;
import com.mustbeviral.platform.revocation.RevokedSessions;
import com.mustbeviral.platform.revocation.SessionRevocation;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code revoked_sessions} table: sessions whose access tokens are refused, each until its last
 * token would have expired plus the clock skew this service's verifier (smallrye-jwt) accepts. Fed
 * by {@link #learn} from {@code auth.sessions}. The column {@code tokens_expire_by} holds that end
 * of the refusal, skew included.
 *
 * <p>Every authenticated request asks {@link #isRevoked}, so the table's live rows are also held in
 * memory and answered from there, without a connection or a worker thread: a query per request was
 * 11 % of a content create's request thread, 2.4 % of the service's CPU (deploy/bench/README.md, issue 14,
 * session 23). Revocations are few (each lasts as long as a session's access tokens, minutes). The table
 * is what a restart starts from; the map is read from it when the service starts (or at first use, if
 * that comes sooner) and changed with it, and a change whose transaction rolls back leaves the map
 * refusing a session early, never letting one through.
 */
@ApplicationScoped
@DefaultBean
public class RevokedSessionsTable implements RevokedSessions {

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration acceptedSkew;
    /** Session id to the end of its refusal (epoch millis); null until read from the table. */
    private volatile Map<String, Long> refusedUntil;

    // smallrye-jwt takes smallrye.jwt.expiration.grace (deprecated) over mp.jwt.verify.clock.skew when
    // set; the larger of the two covers either. The skew's default is the fleet's (FleetClockSkew).
    RevokedSessionsTable(AgroalDataSource dataSource, Clock clock,
            @ConfigProperty(name = FleetClockSkew.PROPERTY) int clockSkewSeconds,
            @ConfigProperty(name = "smallrye.jwt.expiration.grace", defaultValue = "0") int expirationGraceSeconds) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.acceptedSkew = Duration.ofSeconds(Math.max(clockSkewSeconds, expirationGraceSeconds));
    }

    /**
     * Stores the revocation {@code event} carries, if it is one, and drops the revocations whose
     * tokens are all expired, skew included. A redelivered one changes nothing; a later expiry wins.
     */
    public void learn(InboundEvent event) throws SQLException {
        var revocation = SessionRevocation.of(event);
        if (revocation.isPresent()) {
            revoke(revocation.get());
            forgetExpired();
        }
    }

    void revoke(SessionRevocation revocation) throws SQLException {
        String sql = """
                INSERT INTO revoked_sessions (session_id, tokens_expire_by) VALUES (?, ?)
                ON CONFLICT (session_id) DO UPDATE SET tokens_expire_by = MAX(tokens_expire_by, excluded.tokens_expire_by)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, revocation.sessionId());
            long until = revocation.refusedUntil(acceptedSkew).toEpochMilli();
            ps.setLong(2, until);
            ps.executeUpdate();
            refusals().merge(revocation.sessionId(), until, Math::max);
        }
    }

    @Override
    public boolean isRevoked(String sessionId) {
        Long until = refusals().get(sessionId);
        return until != null && until > clock.millis();
    }

    @Override
    public boolean blocks() {
        // Only the first call reads the table, and the service's start makes it (load).
        return false;
    }

    void load(@Observes StartupEvent event) {
        refusals();
    }

    private Map<String, Long> refusals() {
        Map<String, Long> refusals = refusedUntil;
        if (refusals == null) {
            synchronized (this) {
                refusals = refusedUntil;
                if (refusals == null) {
                    refusals = read();
                    refusedUntil = refusals;
                }
            }
        }
        return refusals;
    }

    private Map<String, Long> read() {
        Map<String, Long> refusals = new ConcurrentHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT session_id, tokens_expire_by FROM revoked_sessions WHERE tokens_expire_by > ?")) {
            ps.setLong(1, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refusals.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read revoked sessions", e);
        }
        return refusals;
    }

    void forgetExpired() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM revoked_sessions WHERE tokens_expire_by <= ?")) {
            long now = clock.millis();
            ps.setLong(1, now);
            ps.executeUpdate();
            refusals().values().removeIf(until -> until <= now);
        }
    }
}
