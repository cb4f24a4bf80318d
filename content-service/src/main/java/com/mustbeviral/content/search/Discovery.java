package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recommendations and creator matching, from the embeddings. A user's taste is the centroid of
 * what they engaged with lately (their {@link ReadingHistory}, from analytics' {@code reader.engaged})
 * and what they wrote lately; recommendations mix pieces near it with trending ones, two near for one
 * trending, never the user's own and never what they engaged with already. A user with neither gets
 * trending. Creators are matched by the centroid of their published public pieces.
 */
@ApplicationScoped
public class Discovery {

    /** Pieces of an author whose centroid is their profile: the latest ones. */
    private static final int PROFILE_PIECES = 50;
    private static final Duration TRENDING_WINDOW = Duration.ofDays(7);

    private final VectorIndex vectors;
    private final VectorJobs embeddings;
    private final CandidateCheck check;
    private final Searches searches;
    private final ReadingHistory history;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    Discovery(VectorIndex vectors, VectorJobs embeddings, CandidateCheck check, Searches searches, ReadingHistory history,
            AgroalDataSource dataSource, Clock clock) {
        this.vectors = vectors;
        this.embeddings = embeddings;
        this.check = check;
        this.searches = searches;
        this.history = history;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A creator near another: a score (mean cosine of their three nearest pieces) and those pieces. */
    public record CreatorMatch(String creatorId, double score, List<String> contentIds) {
    }

    public List<Searches.Hit> recommended(String userId, int limit) throws SQLException, IOException {
        List<String> read = history.latest(userId, PROFILE_PIECES);
        List<float[]> profile = new ArrayList<>(embeddings.embeddingsOfPieces(read));
        profile.addAll(embeddings.embeddingsOf(userId, PROFILE_PIECES, false));
        float[] taste = centroid(profile);
        List<String> near = new ArrayList<>();
        if (taste != null) {
            // Room for what was read: the latest reads are the taste's nearest pieces.
            List<ScoredId> candidates = vectors.nearest(taste, limit * 4 + read.size(), null, null, null);
            for (CandidateCheck.Candidate c : check.retain(candidates, SearchFilter.NONE, Visibility.ANONYMOUS)) {
                if (!c.authorId().equals(userId)) {
                    near.add(c.hit().id());
                }
            }
        }
        List<String> trending = trending(userId, limit * 2 + read.size());
        Set<String> seen = new HashSet<>(read);
        seen.addAll(history.seen(userId, unread(near, trending, seen)));
        near.removeAll(seen);
        trending.removeAll(seen);
        Set<String> mixed = new LinkedHashSet<>();
        int n = 0;
        int t = 0;
        while (mixed.size() < limit && (n < near.size() || t < trending.size())) {
            for (int i = 0; i < 2 && n < near.size(); i++) {
                mixed.add(near.get(n++));
            }
            if (t < trending.size()) {
                mixed.add(trending.get(t++));
            }
        }
        List<ScoredId> ranked = new ArrayList<>();
        int rank = 0;
        for (String id : mixed) {
            if (ranked.size() == limit) {
                break;
            }
            ranked.add(new ScoredId(id, 1.0 / (++rank), null));
        }
        return searches.load(ranked);
    }

    public List<CreatorMatch> similarCreators(String creatorId, int limit) throws SQLException, IOException {
        float[] profile = centroid(embeddings.embeddingsOf(creatorId, PROFILE_PIECES, true));
        if (profile == null) {
            return List.of();
        }
        List<ScoredId> near = vectors.nearest(profile, 200, null, null, null);
        Map<String, List<ScoredId>> byCreator = new LinkedHashMap<>();
        for (CandidateCheck.Candidate c : check.retain(near, SearchFilter.NONE, Visibility.ANONYMOUS)) {
            if (!c.authorId().equals(creatorId)) {
                byCreator.computeIfAbsent(c.authorId(), k -> new ArrayList<>()).add(c.hit());
            }
        }
        List<CreatorMatch> matches = new ArrayList<>();
        byCreator.forEach((creator, hits) -> {
            List<ScoredId> top = hits.subList(0, Math.min(3, hits.size()));
            // Three slots: a creator with one close piece ranks below one with three.
            double score = top.stream().mapToDouble(ScoredId::score).sum() / 3;
            matches.add(new CreatorMatch(creator, score, top.stream().map(ScoredId::id).toList()));
        });
        matches.sort(Comparator.comparingDouble(CreatorMatch::score).reversed());
        return matches.subList(0, Math.min(limit, matches.size()));
    }

    /** Published public pieces of the trending window by engagement, not the user's own. */
    List<String> trending(String userId, int limit) throws SQLException {
        String sql = "SELECT id FROM content WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL "
                + "AND published_at >= ? AND author_id <> ? "
                + "ORDER BY view_count + 5 * like_count + 10 * share_count + 5 * comment_count DESC, published_at DESC LIMIT ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, clock.millis() - TRENDING_WINDOW.toMillis());
            ps.setString(2, userId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    /** The candidates not known as read yet (the latest reads are known). */
    private static Set<String> unread(List<String> near, List<String> trending, Set<String> read) {
        Set<String> unknown = new HashSet<>(near);
        unknown.addAll(trending);
        unknown.removeAll(read);
        return unknown;
    }

    private static float[] centroid(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            return null;
        }
        float[] sum = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return Embedder.unit(sum);
    }
}
