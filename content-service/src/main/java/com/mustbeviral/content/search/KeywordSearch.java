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
 * than asked ({@link #window}), and only the window's best are checked against the content table for
 * visibility, the page and a few more first ({@link #firstCheck}), the rest of the window only when
 * that was not enough (the checks read rows at random, and cost half as much as the ranking when
 * the whole window went through them). SQLite keeps the best {@code LIMIT} rows in its top-k sorter
 * as it scores each match, where {@code ORDER BY rank} has FTS5 score every match through its own
 * sorting statement and sort them all: 20-27 % less CPU a query for the same answer (bench README,
 * 2026-12-05). When the window holds fewer
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
        List<Match> best = best(match, window, first, last);
        List<ScoredId> top = new ArrayList<>(limit);
        int checked = 0;
        int chunk = firstCheck(limit);
        while (top.size() < limit && checked < best.size()) {
            List<Match> part = best.subList(checked, Math.min(best.size(), checked + chunk));
            Map<Long, String> visible = visibleAmong(part, visibility);
            for (Match m : part) {
                String id = visible.get(m.doc());
                if (id != null && top.size() < limit) {
                    // bm25() is lower for better matches; the rankings here are higher-is-better.
                    top.add(new ScoredId(id, -m.bm25(), null));
                }
            }
            checked += part.size();
            chunk = best.size() - checked;
        }
        return top.size() == limit || best.size() < window ? top : null;
    }

    /**
     * How many of the window's best matches are checked for visibility first: the page and a few more. A
     * check reads the piece's rows at random (~15 µs a match on the bench's VM, mostly reads of pages not in
     * SQLite's cache): checking a hybrid leg's whole window of 232 cost ~3.5 ms where ranking it took ~6.5.
     * The rest of the window is checked only when others' drafts took places in the first part.
     */
    public static int firstCheck(int limit) {
        return limit + limit / 8 + 4;
    }

    /** The best {@code window} matches in the range by bm25, best first (ties by document number). */
    private List<Match> best(String match, int window, long first, long last) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT rowid, bm25(content_fts, 5.0, 1.0) AS score FROM content_fts "
                        + "WHERE content_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY score, rowid LIMIT ?")) {
            ps.setString(1, match);
            ps.setLong(2, first);
            ps.setLong(3, last);
            ps.setInt(4, window);
            try (ResultSet rs = ps.executeQuery()) {
                List<Match> best = new ArrayList<>(window);
                while (rs.next()) {
                    best.add(new Match(rs.getLong(1), rs.getDouble(2)));
                }
                return best;
            }
        }
    }

    /** Of the given matches, those the viewer may see now: document number to content id. */
    private Map<Long, String> visibleAmong(List<Match> matches, Visibility visibility) throws SQLException {
        String sql = "SELECT d.doc, c.id FROM search_documents d JOIN content c ON c.id = d.content_id WHERE d.doc IN ("
                + "?,".repeat(matches.size() - 1) + "?) AND " + visibility.condition();
        List<Object> args = new ArrayList<>(matches.size() + 1);
        matches.forEach(m -> args.add(m.doc()));
        if (visibility.viewerId() != null) {
            args.add(visibility.viewerId());
        }
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            FilterSql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                Map<Long, String> visible = new HashMap<>();
                while (rs.next()) {
                    visible.put(rs.getLong(1), rs.getString(2));
                }
                return visible;
            }
        }
    }

    /** A match in the FTS5 index: its document number and its bm25 score (lower is better). */
    private record Match(long doc, double bm25) {
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
