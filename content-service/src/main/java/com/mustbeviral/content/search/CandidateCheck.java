package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
        if (candidates.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT c.id, c.author_id FROM content c WHERE c.id IN (")
                .append("?,".repeat(candidates.size() - 1)).append("?) AND ").append(visibility.condition());
        List<Object> args = new ArrayList<>();
        candidates.forEach(c -> args.add(c.id()));
        if (visibility.viewerId() != null) {
            args.add(visibility.viewerId());
        }
        FilterSql.append(filter, sql, args);
        Map<String, String> authors = new HashMap<>();
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            FilterSql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    authors.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<Candidate> kept = new ArrayList<>(authors.size());
        for (ScoredId c : candidates) {
            if (authors.containsKey(c.id())) {
                kept.add(new Candidate(c, authors.get(c.id())));
            }
        }
        return kept;
    }

    /** A candidate that passed, with its author. */
    public record Candidate(ScoredId hit, String authorId) {
    }
}
