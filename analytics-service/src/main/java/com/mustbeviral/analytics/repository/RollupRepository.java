package com.mustbeviral.analytics.repository;

import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rollups and visitors tables: what the aggregator adds up, and what dashboards read. */
@ApplicationScoped
public class RollupRepository {

    /** A dimension dashboards rank by. */
    public enum Dimension {
        SOURCE, DEVICE, COUNTRY;

        /** This dimension's value in {@code row}. */
        public String of(Row row) {
            return switch (this) {
                case SOURCE -> row.source();
                case DEVICE -> row.device();
                case COUNTRY -> row.country();
            };
        }
    }

    /** One rollup row of a content: its bucket, dimensions and counters. */
    public record Row(long bucket, String source, String device, String country, Counters counters) {
    }

    /** One unique visitor of a bucket. */
    public record Visit(String contentId, Granularity granularity, long bucket, String visitor) {

        /** The visitors table's primary key order (see {@link RollupKey#TABLE_ORDER}). */
        static final Comparator<Visit> TABLE_ORDER = (a, b) -> {
            int c = a.contentId().compareTo(b.contentId());
            if (c == 0) {
                c = a.granularity().column().compareTo(b.granularity().column());
            }
            if (c == 0) {
                c = Long.compare(a.bucket(), b.bucket());
            }
            return c != 0 ? c : a.visitor().compareTo(b.visitor());
        };
    }

    private static final String SUMS = "sum(" + Counters.COLUMNS.replace(", ", "), sum(") + ")";

    private final AgroalDataSource dataSource;

    RollupRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds (or, with {@code sign} -1, takes out) each row's counters. */
    public void add(Map<RollupKey, Counters> rows, int sign) throws SQLException {
        StringBuilder set = new StringBuilder();
        for (String column : Counters.COLUMNS.split(", ")) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(column).append(" + excluded.")
                    .append(column);
        }
        String sql = "INSERT INTO rollups (content_id, granularity, bucket, source, device, country, " + Counters.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (content_id, granularity, bucket, source, device, country) DO UPDATE SET " + set;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            List<Map.Entry<RollupKey, Counters>> ordered = new ArrayList<>(rows.entrySet());
            // In key order: each upsert lands next to the one before it in the B-tree.
            ordered.sort(Map.Entry.comparingByKey(RollupKey.TABLE_ORDER));
            for (Map.Entry<RollupKey, Counters> row : ordered) {
                RollupKey key = row.getKey();
                ps.setString(1, key.contentId());
                ps.setString(2, key.granularity().column());
                ps.setLong(3, key.bucket());
                ps.setString(4, key.source());
                ps.setString(5, key.device());
                ps.setString(6, key.country());
                row.getValue().bind(ps, 7, sign);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void addVisits(Collection<Visit> visits) throws SQLException {
        List<Visit> ordered = new ArrayList<>(visits);
        ordered.sort(Visit.TABLE_ORDER);
        String sql = "INSERT INTO visitors (content_id, granularity, bucket, visitor) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Visit visit : ordered) {
                ps.setString(1, visit.contentId());
                ps.setString(2, visit.granularity().column());
                ps.setLong(3, visit.bucket());
                ps.setString(4, visit.visitor());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public int deleteVisitor(String visitor) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                // The second term names idx_visitors_user's condition, so that SQLite may use it.
                "DELETE FROM visitors WHERE visitor = ? AND substr(visitor, 1, 2) = 'u:'")) {
            ps.setString(1, visitor);
            return ps.executeUpdate();
        }
    }

    /**
     * A content's rollup rows in [{@code from}, {@code to}): one index range read gives a dashboard
     * its series and its top sources, devices and countries alike.
     */
    public List<Row> rows(String contentId, Granularity granularity, long from, long to) throws SQLException {
        String sql = "SELECT bucket, source, device, country, " + Counters.COLUMNS
                + " FROM rollups WHERE content_id = ? AND granularity = ? AND bucket >= ? AND bucket < ?";
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(c, sql);
            ps.setString(1, contentId);
            ps.setString(2, granularity.column());
            ps.setLong(3, from);
            ps.setLong(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Counters.read(rs, 5)));
                }
            }
        }
        return rows;
    }

    /** A content's visitors per bucket in [{@code from}, {@code to}). */
    public List<Visit> visits(String contentId, Granularity granularity, long from, long to) throws SQLException {
        String sql = "SELECT bucket, visitor FROM visitors WHERE content_id = ? AND granularity = ? AND bucket >= ? AND bucket < ?";
        List<Visit> visits = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(c, sql);
            ps.setString(1, contentId);
            ps.setString(2, granularity.column());
            ps.setLong(3, from);
            ps.setLong(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visits.add(new Visit(contentId, granularity, rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return visits;
    }

    /** Each of the author's contents' counters over the days in [{@code from}, {@code to}). */
    public Map<String, Counters> byContentOfAuthor(String authorId, long from, long to) throws SQLException {
        String sql = "SELECT r.content_id, " + SUMS.replace("sum(", "sum(r.") + " FROM content_stats c"
                + " JOIN rollups r ON r.content_id = c.content_id AND r.granularity = 'day' AND r.bucket >= ? AND r.bucket < ?"
                + " WHERE c.author_id = ? GROUP BY r.content_id";
        Map<String, Counters> byContent = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setString(3, authorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byContent.put(rs.getString(1), Counters.read(rs, 2));
                }
            }
        }
        return byContent;
    }

    /** Views per live public content over the hours in [{@code from}, {@code to}) (trending lists no other). */
    public Map<String, Long> viewsByContent(long from, long to) throws SQLException {
        String sql = "SELECT r.content_id, sum(r.views) FROM rollups r INDEXED BY idx_rollups_recent"
                + " JOIN content_stats c ON c.content_id = r.content_id AND c.archived_at IS NULL AND c.visibility = 'public'"
                + " WHERE r.granularity = 'hour' AND r.bucket >= ? AND r.bucket < ? GROUP BY r.content_id";
        Map<String, Long> views = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return views;
    }

    /** Every rollup row with a bucket in [{@code from}, {@code to}) and a counter not zero: the recompute check's other side. */
    public Map<RollupKey, Counters> rowsBetween(long from, long to) throws SQLException {
        String sql = "SELECT content_id, granularity, bucket, source, device, country, " + Counters.COLUMNS
                + " FROM rollups WHERE granularity = ? AND bucket >= ? AND bucket < ?";
        Map<RollupKey, Counters> rows = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Granularity granularity : Granularity.values()) {
                ps.setString(1, granularity.column());
                ps.setLong(2, from);
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Counters counters = Counters.read(rs, 7);
                        if (!counters.isZero()) {
                            rows.put(new RollupKey(rs.getString(1), granularity, rs.getLong(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6)), counters);
                        }
                    }
                }
            }
        }
        return rows;
    }
}
