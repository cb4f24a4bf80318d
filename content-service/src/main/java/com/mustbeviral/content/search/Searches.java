package com.mustbeviral.content.search;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.repository.ContentRepository;
import com.mustbeviral.content.repository.TagRepository;
import com.mustbeviral.content.service.Draft;
import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    /**
     * Runs hybrid's semantic leg beside its keyword one. Four threads: as many hybrid queries at once
     * as the bench's clients; more would only queue for the two cores.
     */
    private final ExecutorService legs = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("search-leg-", 0)
            .daemon().factory());

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
            case HYBRID -> hybrid(query, filter, visibility);
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
        // The graph's whole beam, rescored with the float32 vectors: the quantized order alone misplaces near ties.
        List<ScoredId> near = vectors.nearest(vector, Math.max(limit + 1, VectorIndex.MIN_BEAM), null, null, null).stream()
                .filter(hit -> !hit.id().equals(piece.id())).toList();
        List<ScoredId> kept = check.retainRescored(near, vector, SearchFilter.NONE, Visibility.ANONYMOUS).stream()
                .map(CandidateCheck.Candidate::hit).toList();
        return load(kept.subList(0, Math.min(limit, kept.size())));
    }

    /**
     * Both legs at once: this thread ranks by the words while a thread of {@link #legs} embeds the query
     * and walks the graph, so the answer takes about the slower leg rather than their sum (each leg keeps
     * to one core: SQLite's statement and the model's one-thread session). The keyword leg is the longer
     * one for most queries (it scores every match), so it is the one that starts at once: a handed-over
     * leg starts when its thread wakes, up to 2-5 ms later on the bench's VM (bench README, session 18).
     */
    private List<ScoredId> hybrid(SearchQuery query, SearchFilter filter, Visibility visibility)
            throws SQLException, IOException {
        Future<List<ScoredId>> meaning = legs.submit(() -> semantic(query, filter, visibility));
        List<ScoredId> words;
        try {
            words = keyword.rank(query, filter, visibility, settings.depth());
        } catch (SQLException | RuntimeException e) {
            meaning.cancel(false);
            throw e;
        }
        try {
            return Fusion.reciprocalRank(words, meaning.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the semantic ranking ran", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case SQLException sql -> throw sql;
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    void close(@Observes ShutdownEvent event) {
        legs.shutdownNow();
    }

    private List<ScoredId> withSnippets(SearchQuery query, List<ScoredId> page) throws SQLException {
        Map<String, String> snippets = keyword.snippets(query, page.stream().map(ScoredId::id).toList());
        return page.stream().map(hit -> new ScoredId(hit.id(), hit.score(), snippets.get(hit.id()))).toList();
    }

    private List<ScoredId> semantic(SearchQuery query, SearchFilter filter, Visibility visibility)
            throws SQLException, IOException {
        float[] target = embedder.embed(query.text());
        List<ScoredId> near = vectors.nearest(target, settings.depth(), visibility.viewerId(), filter.authorId(), filter.type());
        return check.retainRescored(near, target, filter, visibility).stream().map(CandidateCheck.Candidate::hit).toList();
    }

    /** The ranked pieces with their tags, in two statements whatever the page's size. */
    List<Hit> load(List<ScoredId> ranked) throws SQLException {
        List<String> ids = ranked.stream().map(ScoredId::id).toList();
        Map<String, Content> found = contents.findAll(ids);
        Map<String, List<String>> slugs = tags.slugsOf(ids);
        List<Hit> hits = new ArrayList<>(ranked.size());
        for (ScoredId r : ranked) {
            Content c = found.get(r.id());
            if (c != null) {
                hits.add(new Hit(withTags(c, slugs.getOrDefault(c.id(), List.of())), r.score(), r.snippet()));
            }
        }
        return hits;
    }

    private static Content withTags(Content c, List<String> slugs) {
        Draft d = c.draft();
        return c.withDraft(new Draft(d.type(), d.format(), d.visibility(), d.title(), d.body(), d.slug(), d.seoTitle(),
                d.seoDescription(), d.canonicalUrl(), d.socialImage(), d.metadata(), d.mediaIds(), slugs));
    }
}
