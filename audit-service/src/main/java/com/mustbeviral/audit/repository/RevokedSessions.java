package com.mustbeviral.audit.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Sessions whose access tokens must be refused, each until its last token would have expired. */
@ApplicationScoped
public class RevokedSessions {

    private final AgroalDataSource dataSource;

    RevokedSessions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a revocation; a redelivered one changes nothing, a later expiry wins. */
    public void revoke(String sessionId, Instant tokensExpireBy) throws SQLException {
        String sql = """
                INSERT INTO revoked_sessions (session_id, tokens_expire_by) VALUES (?, ?)
                ON CONFLICT (session_id) DO UPDATE SET tokens_expire_by = MAX(tokens_expire_by, excluded.tokens_expire_by)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sessionId);
            ps.setLong(2, tokensExpireBy.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public boolean isRevoked(String sessionId, Instant now) throws SQLException {
        String sql = "SELECT 1 FROM revoked_sessions WHERE session_id = ? AND tokens_expire_by > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sessionId);
            ps.setLong(2, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Drops revocations whose tokens have all expired. */
    public void forgetExpired(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM revoked_sessions WHERE tokens_expire_by <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.executeUpdate();
        }
    }
}
