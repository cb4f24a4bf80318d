package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyword index's segments: FTS5 writes each transaction's changes to {@code content_fts} as a new
 * segment and merges them by level as it goes, so an index that has seen many writes (or a bulk load
 * of more than its 1 MB of pending terms) is several segments, ten after the search bench's load of
 * 100,000 pieces. Every term of a query is then looked up in each of them. The ranking hardly feels it
 * (bm25 over every match is its cost), but the snippets' statement does: it finds ten given pieces
 * among a query's matches, a seek per piece, term and segment, and took 0.95-1.4 ms over ten segments
 * against 0.26-0.29 over one (deploy/bench/README.md, issue 15, session 19).
 */
@ApplicationScoped
public class KeywordIndex {

    private final AgroalDataSource dataSource;

    KeywordIndex(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * FTS5's structure record now (hex): its segments and a count of the pages written, so any change to the
     * index changes it, where the segments' ids alone could come back the same (FTS5 reuses free ids).
     */
    public String structure() throws SQLException {
        // Row 10 of content_fts_data is the structure record (FTS5's data structure documentation).
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT hex(block) FROM content_fts_data WHERE id = 10");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /** The index's segments now (their ids, ascending). */
    public List<Long> segments() throws SQLException {
        // content_fts_idx is FTS5's own table of each segment's first terms (one row or more per segment).
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT segid FROM content_fts_idx ORDER BY segid");
                ResultSet rs = ps.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /**
     * One step towards a single segment: FTS5's {@code merge} command with a negative size merges across
     * levels, writing about {@code pages} pages. A transaction of its own, so that writers queue between
     * steps rather than behind the whole merge. False when there was nothing left to merge (FTS5 changes
     * fewer than two rows then, as its documentation says).
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean mergeStep(int pages) throws SQLException {
        try (Connection conn = dataSource.getConnection()) {
            long before = totalChanges(conn);
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO content_fts (content_fts, rank) VALUES ('merge', ?)")) {
                ps.setInt(1, -Math.max(1, pages));
                ps.executeUpdate();
            }
            return totalChanges(conn) - before >= 2;
        }
    }

    private static long totalChanges(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT total_changes()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
