package com.mustbeviral.content.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.repository.ContentChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What anonymous readers are shown, rendered once and served as bytes, as blog platforms serve their
 * public pages: the public list pages (the feed, an author's page) and single pieces read by id. Such a
 * page is read far more often than anything on it changes (a piece gone viral is read thousands of
 * times a second), and rendering one costs a query or two and the JSON (a feed page of 20 ~1 ms of CPU,
 * a piece ~0.3 ms).
 *
 * <p>Never wrong for long: every change of an existing row by this instance (edit, publish,
 * schedule, archive, delete, moderation, withdrawal: {@link ContentChanged}) bumps a generation
 * after its commit, and a page rendered under an older generation is never served again. A page
 * read before the commit and stored after the bump carries the old generation, so it cannot
 * outlive the change either. Changes this instance does not make (another replica's, engagement
 * counts) are bounded by the time to live. Creates never touch a public page (a new piece is a
 * draft or pending review) and do not invalidate. A refusal (a piece that is not public) is never
 * cached: the renderer's exception goes to the caller.
 */
@ApplicationScoped
public class PublicPageCache {

    /** A rendered page: its JSON, its strong ETag, the generation and time it is valid for. */
    public record Rendered(byte[] body, String etag, long generation, long expiresAt) {
    }

    /** Renders a page (the list query and the views), on a miss; its ETag is a hash of the bytes. */
    @FunctionalInterface
    public interface Renderer {
        Object page() throws SQLException;
    }

    /** What a piece's page shows and the ETag it goes out under (the piece's version, which If-Match names). */
    public record Tagged(Object view, String etag) {
    }

    /** Renders a piece's page, on a miss. */
    @FunctionalInterface
    public interface PieceRenderer {
        Tagged piece() throws SQLException;
    }

    /** A miss's bytes and their tag. */
    private record Made(byte[] body, String etag) {
    }

    /** How a miss makes them. */
    @FunctionalInterface
    private interface Rendering {
        Made make() throws SQLException;
    }

    private final AtomicLong generation = new AtomicLong();
    private final ObjectMapper json;
    private final Clock clock;
    private final long ttlMillis;
    private final int maxPageBytes;
    /** List pages and pieces, each kind under half the bound: a long tail of pieces read once never pushes the feed out. */
    private final Shelf lists;
    private final Shelf pieces;

    PublicPageCache(ObjectMapper json, Clock clock, ContentConfig config) {
        this.json = json;
        this.clock = clock;
        this.ttlMillis = config.publicPages().ttl().toMillis();
        this.maxPageBytes = config.publicPages().maxPageBytes();
        this.lists = new Shelf(config.publicPages().maxBytes() / 2);
        this.pieces = new Shelf(config.publicPages().maxBytes() / 2);
    }

    /** The list page under {@code key}: the cached rendering while it is valid, else a fresh one (kept when small enough). */
    public Rendered page(String key, Renderer renderer) throws SQLException {
        return cached(lists, key, () -> {
            byte[] body = render(renderer.page());
            return new Made(body, etag(body));
        });
    }

    /** The piece {@code id} as anonymous readers see it, as {@link #page} does for lists. */
    public Rendered piece(String id, PieceRenderer renderer) throws SQLException {
        return cached(pieces, id, () -> {
            Tagged piece = renderer.piece();
            return new Made(render(piece.view()), piece.etag());
        });
    }

    private Rendered cached(Shelf shelf, String key, Rendering rendering) throws SQLException {
        long now = clock.millis();
        long current = generation.get();
        Rendered cached = shelf.pages.get(key);
        if (cached != null && cached.generation() == current && now < cached.expiresAt()) {
            return cached;
        }
        Made made = rendering.make();
        Rendered fresh = new Rendered(made.body(), made.etag(), current, now + ttlMillis);
        if (ttlMillis > 0 && made.body().length <= maxPageBytes) {
            shelf.keep(key, fresh);
        }
        return fresh;
    }

    /** After this instance's change is committed (or rolled back: dropping then costs one rendering). */
    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) ContentChanged change) {
        generation.incrementAndGet();
        lists.clear();
        pieces.clear();
    }

    private byte[] render(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code ifNoneMatch} (a list of tags, weak or strong) names {@code etag}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals("\"" + etag + "\""));
    }

    /** Pages of one kind and the bytes they hold, under a bound. */
    private static final class Shelf {

        private final Map<String, Rendered> pages = new ConcurrentHashMap<>();
        private final long maxBytes;
        /** The bytes held in {@link #pages}; changed under the lock (only on a miss or a change). */
        private long bytes;

        Shelf(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        synchronized void keep(String key, Rendered page) {
            Rendered old = pages.put(key, page);
            bytes += page.body().length - (old == null ? 0 : old.body().length);
            if (bytes > maxBytes) {
                // A bound, not a policy: the pages read most are back after one rendering each.
                clear();
            }
        }

        synchronized void clear() {
            pages.clear();
            bytes = 0;
        }
    }

    /** The first 96 bits of the body's SHA-256: equal bodies, equal tags, on any replica. */
    private static String etag(byte[] body) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
