package com.mustbeviral.content.service;

import com.mustbeviral.contracts.analytics.EngagementDelta;
import com.mustbeviral.platform.store.ProcessedEvents;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The denormalized engagement counts, moved by analytics' deltas. Idempotent: the event's claim and
 * the addition commit together. Counts never go below zero. The version (the author's ETag) does not
 * change: engagement is not editorial state, and a reader's count must not make an author's edit stale.
 */
@ApplicationScoped
public class EngagementCounts {

    private final AgroalDataSource dataSource;
    private final ProcessedEvents processed;

    EngagementCounts(AgroalDataSource dataSource, ProcessedEvents processed) {
        this.dataSource = dataSource;
        this.processed = processed;
    }

    /** Adds a delta once; false when this event was applied before (or the content is unknown here). */
    @Transactional(rollbackOn = Exception.class)
    public boolean apply(String eventId, EngagementDelta delta) throws SQLException {
        if (!processed.claim(eventId)) {
            return false;
        }
        String sql = "UPDATE content SET view_count = MAX(0, view_count + ?), like_count = MAX(0, like_count + ?), "
                + "share_count = MAX(0, share_count + ?), comment_count = MAX(0, comment_count + ?) WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, delta.views());
            ps.setLong(2, delta.likes());
            ps.setLong(3, delta.shares());
            ps.setLong(4, delta.comments());
            ps.setString(5, delta.contentId().toString());
            return ps.executeUpdate() == 1;
        }
    }
}
