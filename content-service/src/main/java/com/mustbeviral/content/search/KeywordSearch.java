package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * <p>Why the SQL is shaped so (measured over 100,000 pieces where a query matches ~5,000-7,000):
 * <ul>
 * <li>Without a filter, FTS5 alone ranks the matches by {@code bm25()} to a window a little deeper
 * than asked ({@link #window}), and only the window is joined to the content table for the visibility
 * check. SQLite keeps the best {@code LIMIT} rows in its top-k sorter as it scores each match, where
 * {@code ORDER BY rank} has FTS5 score every match through its own sorting statement and sort them all:
 * 20-27 % less CPU a query for the same answer (bench README, 2026-12-05). When the window holds fewer
 * visible pieces than asked, either it held every match (then it is the whole answer), or many of the
 * best matches are others' drafts and the ranking is made again over every match ({@link #rankAll}):
 * the answer is the same either way. In keyword mode, when a core is free, this ranking runs in two
 * slices of the document numbers at once ({@link DocumentSlices}), each with its own window, merged
 * after: the per-match scoring is the whole cost of a query matching many pieces, and it halves.</li>
 * <li>With a filter (type, tag, author, dates), whose selectivity is unknown, every match goes through
 * the joins at once, ordered by FTS5's {@code rank}: the joins stop once the limit has passed the
 * checks, where {@code ORDER BY bm25(...)} over the join joined every match first (28-37 ms against
 * 9-11 ms of CPU under load).</li>
 * <li>Snippets are made for the page's pieces only ({@link #snippets}), not for every match (another
 * ~15 ms).</li>
 * </ul>
 * Within the window, ties in bm25 are broken by the index's row id; {@link #rankAll} keeps FTS5's own
 * order of ties (ties are rare with real text: equal scores need equal lengths and counts).
 */
@ApplicationScoped
public class KeywordSearch {

    /** Marks around a hit in a snippet: control characters no text of ours carries, made HTML later. */
    static final char HIT_START = '\u0002';
    static final char HIT_END = '\u0003';

    private final AgroalDataSource dataSource;
    private final DocumentSlices slices;

    KeywordSearch(AgroalDataSource dataSource, SearchSettings settings) {
        this.dataSource = dataSource;
        this.slices = new DocumentSlices(settings.keywordSlices(), settings.keywordSliceDocuments());
    }

    void close(@Observes ShutdownEvent event) {
        slices.close();
    }

    /**
     * Pieces with every term, best first, ranked whole on the calling thread: hybrid search runs this
     * beside its semantic leg, which has the other core (slicing it too cost hybrid queries 1-4 ms more
     * CPU and no time: deploy/bench/README.md, session 15).
     */
    public List<ScoredId> rank(SearchQuery query, SearchFilter filter, Visibility visibility, int limit) throws SQLException {
        return rank(query.allTerms(), filter, visibility, limit, false);
    }

    /** Pieces with every term; when there are none, pieces with any. Keyword mode: sliced when a core is free. */
    public List<ScoredId> rankOrAny(SearchQuery query, SearchFilter filter, Visibility visibility, int limit)
            throws SQLException {
        List<ScoredId> all = rank(query.allTerms(), filter, visibility, limit, true);
        return all.isEmpty() && query.terms().size() > 1 ? rank(query.anyTerm(), filter, visibility, limit, true) : all;
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

    private List<ScoredId> rank(String match, SearchFilter filter, Visibility visibility, int limit, boolean sliced)
            throws SQLException {
        if (filter.equals(SearchFilter.NONE)) {
            int window = window(limit);
            DocumentSlices.Ranking ranking = (first, last) -> rankWithin(match, visibility, limit, window, first, last);
            List<ScoredId> top = sliced ? slices.rank(this::lastDocument, limit, ranking)
                    : ranking.within(Long.MIN_VALUE, Long.MAX_VALUE);
            if (top != null) {
                return top;
            }
        }
        return rankAll(match, filter, visibility, limit);
    }

    /**
     * How deep FTS5 ranks before the visibility check: twice the page and some, so that a few of others'
     * drafts among the best matches do not send the search to {@link #rankAll}.
     */
    public static int window(int limit) {
        return 2 * limit + 32;
    }

    /**
     * In the document numbers from {@code first} to {@code last}: the best {@code window} matches by bm25,
     * then those the viewer may see, best first, up to {@code limit}; null when fewer than {@code limit}
     * were visible and the window did not hold every match of the range (then the whole answer is
     * {@link #rankAll}'s). The scores do not depend on the range: bm25's statistics are the whole table's.
     */
    private List<ScoredId> rankWithin(String match, Visibility visibility, int limit, int window, long first, long last)
            throws SQLException {
        String sql = "SELECT c.id, f.score FROM (SELECT rowid AS doc, bm25(content_fts, 5.0, 1.0) AS score FROM content_fts "
                + "WHERE content_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY score, rowid LIMIT ?) f "
                + "JOIN search_documents d ON d.doc = f.doc JOIN content c ON c.id = d.content_id "
                + "WHERE " + visibility.condition() + " ORDER BY f.score, f.doc LIMIT ?";
        List<Object> args = new ArrayList<>(List.of(match, first, last, window));
        if (visibility.viewerId() != null) {
            args.add(visibility.viewerId());
        }
        args.add(limit);
        List<ScoredId> top = ranked(sql, args);
        return top.size() == limit || matchesFewerThan(match, window, first, last) ? top : null;
    }

    /** Whether the query matches fewer than {@code n} pieces in the range: then a window of n held every match. */
    private boolean matchesFewerThan(String match, int n, long first, long last) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM content_fts "
                        + "WHERE content_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?)")) {
            ps.setString(1, match);
            ps.setLong(2, first);
            ps.setLong(3, last);
            ps.setInt(4, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) < n;
            }
        }
    }

    /** The highest document number (0 when there is none): the end of the last slice. */
    private long lastDocument() throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT coalesce(max(doc), 0) FROM search_documents");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every match through the joins, best first, up to {@code limit}. */
    private List<ScoredId> rankAll(String match, SearchFilter filter, Visibility visibility, int limit) throws SQLException {
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
        return ranked(sql.toString(), args);
    }

    private List<ScoredId> ranked(String sql, List<Object> args) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
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
