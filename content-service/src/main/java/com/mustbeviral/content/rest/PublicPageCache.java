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
 * Public list pages (the feed, an author's page) rendered once and served as bytes to anonymous
 * readers, as blog platforms serve their public front pages: a feed page is read far more often than
 * anything on it changes, and rendering one (20 rows, their JSON columns, 20 views) costs ~1 ms of CPU.
 *
 * <p>Never wrong for long: every change of an existing row by this instance (edit, publish,
 * schedule, archive, delete, moderation, withdrawal: {@link ContentChanged}) bumps a generation
 * after its commit, and a page rendered under an older generation is never served again. A page
 * read before the commit and stored after the bump carries the old generation, so it cannot
 * outlive the change either. Changes this instance does not make (another replica's, engagement
 * counts) are bounded by the time to live. Creates never touch a public page (a new piece is a
 * draft or pending review) and do not invalidate.
 */
@ApplicationScoped
public class PublicPageCache {

    /** A rendered page: its JSON, its strong ETag, the generation and time it is valid for. */
    public record Rendered(byte[] body, String etag, long generation, long expiresAt) {
    }

    /** Renders a page (the list query and the views), on a miss. */
    @FunctionalInterface
    public interface Renderer {
        Object page() throws SQLException;
    }

    private final Map<String, Rendered> pages = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final ObjectMapper json;
    private final Clock clock;
    private final long ttlMillis;
    private final long maxBytes;
    private final int maxPageBytes;
    /** The bytes held in {@link #pages}; changed under the lock (only on a miss or a change). */
    private long bytes;

    PublicPageCache(ObjectMapper json, Clock clock, ContentConfig config) {
        this.json = json;
        this.clock = clock;
        this.ttlMillis = config.publicPages().ttl().toMillis();
        this.maxBytes = config.publicPages().maxBytes();
        this.maxPageBytes = config.publicPages().maxPageBytes();
    }

    /** The page under {@code key}: the cached rendering while it is valid, else a fresh one (kept when small enough). */
    public Rendered page(String key, Renderer renderer) throws SQLException {
        long now = clock.millis();
        long current = generation.get();
        Rendered cached = pages.get(key);
        if (cached != null && cached.generation() == current && now < cached.expiresAt()) {
            return cached;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(renderer.page());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Rendered fresh = new Rendered(body, etag(body), current, now + ttlMillis);
        if (ttlMillis > 0 && body.length <= maxPageBytes) {
            keep(key, fresh);
        }
        return fresh;
    }

    /** After this instance's change is committed (or rolled back: dropping then costs one rendering). */
    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) ContentChanged change) {
        generation.incrementAndGet();
        synchronized (this) {
            pages.clear();
            bytes = 0;
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

    private synchronized void keep(String key, Rendered page) {
        Rendered old = pages.put(key, page);
        bytes += page.body().length - (old == null ? 0 : old.body().length);
        if (bytes > maxBytes) {
            // A bound, not a policy: the pages read most are back after one rendering each.
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
