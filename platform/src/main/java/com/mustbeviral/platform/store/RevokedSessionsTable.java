package com.mustbeviral.platform.store;

import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.revocation.FleetClockSkew;
import com.mustbeviral.platform.revocation.RevokedSessions;
import com.mustbeviral.platform.revocation.SessionRevocation;
import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code revoked_sessions} table: sessions whose access tokens are refused, each until its last
 * token would have expired plus the clock skew this service's verifier (smallrye-jwt) accepts. Fed
 * by {@link #learn} from {@code auth.sessions}. The column {@code tokens_expire_by} holds that end
 * of the refusal, skew included.
 */
@ApplicationScoped
@DefaultBean
public class RevokedSessionsTable implements RevokedSessions {

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration acceptedSkew;

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
            ps.setLong(2, revocation.refusedUntil(acceptedSkew).toEpochMilli());
            ps.executeUpdate();
        }
    }

    /**
     * Runs on every authenticated request, so its statement is prepared once per connection
     * ({@link StatementCache}): preparing it each time was 60 % of this lookup's CPU.
     */
    @Override
    public boolean isRevoked(String sessionId) {
        String sql = "SELECT 1 FROM revoked_sessions WHERE session_id = ? AND tokens_expire_by > ?";
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(c, sql);
            ps.setString(1, sessionId);
            ps.setLong(2, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read revoked sessions", e);
        }
    }

    private void forgetExpired() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM revoked_sessions WHERE tokens_expire_by <= ?")) {
            ps.setLong(1, clock.millis());
            ps.executeUpdate();
        }
    }
}
