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
 * The keyword ranking: SQLite FTS5 ({@code content_fts}, kept in step by V20's triggers), bm25 with
 * a title match worth five body matches, and snippets of the body around the hits. All terms are
 * required; in keyword mode a query no piece matches in full falls back to any term, still ranked by
 * bm25 ({@link #rankOrAny}). Hybrid search takes full matches only: a piece that shares one common
 * word with the query is weak evidence, and ranked high it would push aside what the meaning found.
 *
 * <p>Why the SQL is shaped so (measured over 100,000 pieces where a query matches ~5,000): ordered by
 * FTS5's own {@code rank} (set to the bm25 weights per query), the index sorts its matches itself and
 * the joins to the content table stop once the limit has passed the visibility check, where
 * {@code ORDER BY bm25(...)} joined every match first (28-37 ms against 9-11 ms of CPU under load);
 * and snippets are made for the page's pieces only ({@link #snippets}), not for every match (another
 * ~15 ms).
 */
@ApplicationScoped
public class KeywordSearch {

    /** Marks around a hit in a snippet: control characters no text of ours carries, made HTML later. */
    static final char HIT_START = '\u0002';
    static final char HIT_END = '\u0003';

    private final AgroalDataSource dataSource;

    KeywordSearch(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Pieces with every term, best first. */
    public List<ScoredId> rank(SearchQuery query, SearchFilter filter, Visibility visibility, int limit) throws SQLException {
        return rank(query.allTerms(), filter, visibility, limit);
    }

    /** Pieces with every term; when there are none, pieces with any. */
    public List<ScoredId> rankOrAny(SearchQuery query, SearchFilter filter, Visibility visibility, int limit)
            throws SQLException {
        List<ScoredId> all = rank(query.allTerms(), filter, visibility, limit);
        return all.isEmpty() && query.terms().size() > 1 ? rank(query.anyTerm(), filter, visibility, limit) : all;
    }

    /**
     * Snippets (safe HTML, hits in {@code <mark>}) of the given pieces' bodies around any of the query's
     * terms, by content id; a piece with none of them gets none.
     */
    public Map<String, String> snippets(SearchQuery query, List<String> contentIds) throws SQLException {
        if (contentIds.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT d.content_id, snippet(content_fts, 1, char(2), char(3), '…', 24) "
                + "FROM content_fts JOIN search_documents d ON d.doc = content_fts.rowid "
                + "WHERE content_fts MATCH ? AND content_fts.rowid IN (SELECT doc FROM search_documents WHERE content_id IN ("
                + "?,".repeat(contentIds.size() - 1) + "?))";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, query.anyTerm());
            for (int i = 0; i < contentIds.size(); i++) {
                ps.setString(i + 2, contentIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, String> snippets = new HashMap<>();
                while (rs.next()) {
                    snippets.put(rs.getString(1), Snippets.html(rs.getString(2)));
                }
                return snippets;
            }
        }
    }

    private List<ScoredId> rank(String match, SearchFilter filter, Visibility visibility, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT c.id, content_fts.rank "
                + "FROM content_fts JOIN search_documents d ON d.doc = content_fts.rowid JOIN content c ON c.id = d.content_id "
                + "WHERE content_fts MATCH ? AND content_fts.rank MATCH 'bm25(5.0, 1.0)' AND ").append(visibility.condition());
        List<Object> args = new ArrayList<>();
        args.add(match);
        if (visibility.viewerId() != null) {
            args.add(visibility.viewerId());
        }
        FilterSql.append(filter, sql, args);
        sql.append(" ORDER BY content_fts.rank LIMIT ?");
        args.add(limit);
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            FilterSql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<ScoredId> hits = new ArrayList<>();
                while (rs.next()) {
                    // bm25() is lower for better matches; the rankings here are higher-is-better.
                    hits.add(new ScoredId(rs.getString(1), -rs.getDouble(2), null));
                }
                return hits;
            }
        }
    }
}
