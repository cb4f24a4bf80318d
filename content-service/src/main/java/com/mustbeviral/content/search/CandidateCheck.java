package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the vector index's candidates against the content table: the viewer may see them now and
 * they pass the filter. The index lags content by a worker run, and holds neither tags nor dates,
 * so what it answers is never shown unchecked.
 */
@ApplicationScoped
public class CandidateCheck {

    private final AgroalDataSource dataSource;

    CandidateCheck(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The candidates that pass, in their order, each with its author. */
    public List<Candidate> retain(List<ScoredId> candidates, SearchFilter filter, Visibility visibility) throws SQLException {
        Map<String, Row> rows = rows(candidates, filter, visibility, false);
        List<Candidate> kept = new ArrayList<>(rows.size());
        for (ScoredId c : candidates) {
            Row row = rows.get(c.id());
            if (row != null) {
                kept.add(new Candidate(c, row.authorId()));
            }
        }
        return kept;
    }

    /**
     * The candidates that pass, each scored again with its stored float32 embedding against
     * {@code target} (the index ranks by its quantized copies), best first. The vectors come from the
     * embeddings table through SQLite's page cache, so the index's float32 file stays unread and out of
     * the service's RSS.
     */
    public List<Candidate> retainRescored(List<ScoredId> candidates, float[] target, SearchFilter filter,
            Visibility visibility) throws SQLException {
        Map<String, Row> rows = rows(candidates, filter, visibility, true);
        List<Candidate> kept = new ArrayList<>(rows.size());
        for (ScoredId c : candidates) {
            Row row = rows.get(c.id());
            if (row != null) {
                double score = row.vector() == null ? c.score() : (1 + dot(target, row.vector())) / 2;
                kept.add(new Candidate(new ScoredId(c.id(), score, c.snippet()), row.authorId()));
            }
        }
        kept.sort(Comparator.comparingDouble((Candidate c) -> c.hit().score()).reversed());
        return kept;
    }

    private Map<String, Row> rows(List<ScoredId> candidates, SearchFilter filter, Visibility visibility, boolean vectors)
            throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        if (candidates.isEmpty()) {
            return rows;
        }
        StringBuilder sql = new StringBuilder("SELECT c.id, c.author_id")
                .append(vectors ? ", e.vector FROM content c LEFT JOIN embeddings e ON e.content_id = c.id" : " FROM content c")
                .append(" WHERE c.id IN (").append("?,".repeat(candidates.size() - 1)).append("?) AND ")
                .append(visibility.condition());
        List<Object> args = new ArrayList<>();
        candidates.forEach(c -> args.add(c.id()));
        if (visibility.viewerId() != null) {
            args.add(visibility.viewerId());
        }
        FilterSql.append(filter, sql, args);
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            FilterSql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Row(rs.getString(2), vectors ? VectorJobs.vector(rs.getBytes(3)) : null));
                }
            }
        }
        return rows;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private record Row(String authorId, float[] vector) {
    }

    /** A candidate that passed, with its author. */
    public record Candidate(ScoredId hit, String authorId) {
    }
}
