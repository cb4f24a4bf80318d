package com.mustbeviral.content.search;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.repository.ContentRepository;
import com.mustbeviral.content.repository.TagRepository;
import com.mustbeviral.content.service.Draft;
import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Search over content: keyword (FTS5, bm25), semantic (embeddings, nearest neighbours) and hybrid
 * (both fused by reciprocal rank, the default); and similar content, by the stored embedding.
 */
@ApplicationScoped
public class Searches {

    private final KeywordSearch keyword;
    private final VectorIndex vectors;
    private final VectorJobs embeddings;
    private final Embedder embedder;
    private final CandidateCheck check;
    private final ContentRepository contents;
    private final TagRepository tags;
    private final SearchSettings settings;

    Searches(KeywordSearch keyword, VectorIndex vectors, VectorJobs embeddings, Embedder embedder, CandidateCheck check,
            ContentRepository contents, TagRepository tags, SearchSettings settings) {
        this.keyword = keyword;
        this.vectors = vectors;
        this.embeddings = embeddings;
        this.embedder = embedder;
        this.check = check;
        this.contents = contents;
        this.tags = tags;
        this.settings = settings;
    }

    /** One found piece: its score in the ranking asked for, and a snippet when the words matched. */
    public record Hit(Content content, double score, String snippet) {
    }

    /** A page of hits; {@code nextCursor} null on the last. */
    public record Page(List<Hit> hits, String nextCursor) {
    }

    public Page search(String q, String modeText, SearchFilter filter, String viewerId, int limit, String cursor)
            throws SQLException, IOException {
        SearchQuery query = SearchQuery.parse(q, settings.maxQueryLength(), settings.maxTerms());
        SearchMode mode = SearchMode.of(modeText);
        Visibility visibility = new Visibility(viewerId);
        String fingerprint = SearchCursor.fingerprint(mode.name(), query.text(), filter.key(), String.valueOf(viewerId));
        int offset = SearchCursor.offsetOf(cursor, fingerprint);
        // Keyword mode ranks only as far as this page and one more (the order of the first n never depends
        // on n); semantic and hybrid always go to the full depth (the graph search is approximate, and
        // its answers for another k could shuffle pages; fusion needs both lists whole).
        List<ScoredId> ranking = switch (mode) {
            case KEYWORD -> keyword.rankOrAny(query, filter, visibility, Math.min(settings.depth(), offset + limit + 1));
            case SEMANTIC -> semantic(query, filter, visibility);
            case HYBRID -> Fusion.reciprocalRank(keyword.rank(query, filter, visibility, settings.depth()),
                    semantic(query, filter, visibility));
        };
        List<ScoredId> page = ranking.subList(Math.min(offset, ranking.size()), Math.min(offset + limit, ranking.size()));
        if (mode != SearchMode.SEMANTIC) {
            page = withSnippets(query, page);
        }
        List<Hit> hits = load(page);
        String next = offset + limit < ranking.size() ? new SearchCursor(offset + limit, fingerprint).encode() : null;
        return new Page(hits, next);
    }

    /**
     * The published public pieces nearest to one piece the viewer may see (404 otherwise), never the
     * piece itself; empty until the piece has its embedding.
     */
    public List<Hit> similar(String contentId, String viewerId, int limit) throws SQLException, IOException {
        Content piece = contents.find(contentId).filter(c -> !c.deleted())
                .filter(c -> "published".equals(c.status()) && !"private".equals(c.draft().visibility())
                        || c.authorId().equals(viewerId))
                .orElseThrow(() -> new Refusal(ContentRefusal.NOT_FOUND, "No such content."));
        float[] vector = embeddings.embeddingOf(piece.id());
        if (vector == null) {
            return List.of();
        }
        List<ScoredId> near = vectors.nearest(vector, limit + 1, null, null, null).stream()
                .filter(hit -> !hit.id().equals(piece.id())).toList();
        List<ScoredId> kept = check.retain(near, SearchFilter.NONE, Visibility.ANONYMOUS).stream()
                .map(CandidateCheck.Candidate::hit).toList();
        return load(kept.subList(0, Math.min(limit, kept.size())));
    }

    private List<ScoredId> withSnippets(SearchQuery query, List<ScoredId> page) throws SQLException {
        Map<String, String> snippets = keyword.snippets(query, page.stream().map(ScoredId::id).toList());
        return page.stream().map(hit -> new ScoredId(hit.id(), hit.score(), snippets.get(hit.id()))).toList();
    }

    private List<ScoredId> semantic(SearchQuery query, SearchFilter filter, Visibility visibility)
            throws SQLException, IOException {
        List<ScoredId> near = vectors.nearest(embedder.embed(query.text()), settings.depth(), visibility.viewerId(),
                filter.authorId(), filter.type());
        return check.retain(near, filter, visibility).stream().map(CandidateCheck.Candidate::hit).toList();
    }

    List<Hit> load(List<ScoredId> ranked) throws SQLException {
        List<Hit> hits = new ArrayList<>(ranked.size());
        for (ScoredId r : ranked) {
            Optional<Content> c = contents.find(r.id());
            if (c.isPresent()) {
                hits.add(new Hit(withTags(c.get()), r.score(), r.snippet()));
            }
        }
        return hits;
    }

    private Content withTags(Content c) throws SQLException {
        Draft d = c.draft();
        return c.withDraft(new Draft(d.type(), d.format(), d.visibility(), d.title(), d.body(), d.slug(), d.seoTitle(),
                d.seoDescription(), d.canonicalUrl(), d.socialImage(), d.metadata(), d.mediaIds(), tags.slugsOf(c.id())));
    }
}
