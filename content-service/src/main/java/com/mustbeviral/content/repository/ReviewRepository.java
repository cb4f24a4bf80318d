package com.mustbeviral.content.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** review_decisions: what a moderator decided about which version of a piece, and why. */
@ApplicationScoped
public class ReviewRepository {

    private final AgroalDataSource dataSource;

    ReviewRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String id, String contentId, long contentVersion, String reviewerId, String decision, String reason,
            long decidedAt) throws SQLException {
        String sql = "INSERT INTO review_decisions (id, content_id, content_version, reviewer_id, decision, reason, decided_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, contentId);
            ps.setLong(3, contentVersion);
            ps.setString(4, reviewerId);
            ps.setString(5, decision);
            ps.setString(6, reason);
            ps.setLong(7, decidedAt);
            ps.executeUpdate();
        }
    }
}
