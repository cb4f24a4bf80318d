package com.mustbeviral.content.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.config.ContentConfig;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's byte bound, per kind of page: pieces read once in a long tail never push the list pages out. */
class PublicPageCacheBoundsTest {

    /** 1,000 bytes in all: 500 for list pages, 500 for pieces. */
    private final PublicPageCache cache = new PublicPageCache(new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC), config(1_000));

    @Test
    void piecesOverTheirHalfLeaveTheListPagesCached() throws SQLException {
        AtomicInteger feedRenderings = new AtomicInteger();
        PublicPageCache.Renderer feed = () -> {
            feedRenderings.incrementAndGet();
            return "the feed";
        };
        cache.page("feed", feed);

        for (int i = 0; i < 50; i++) { // ~30 bytes each: well over the pieces' 500
            String id = "piece-" + i;
            cache.piece(id, () -> new PublicPageCache.Tagged("the text of " + id, "1"));
        }

        cache.page("feed", feed);
        assertEquals(1, feedRenderings.get(), "the feed page was still cached");
    }

    @Test
    void piecesOverTheirHalfStartTheirShelfAgain() throws SQLException {
        AtomicInteger renderings = new AtomicInteger();
        PublicPageCache.PieceRenderer first = () -> {
            renderings.incrementAndGet();
            return new PublicPageCache.Tagged("the first piece", "1");
        };
        cache.piece("first", first);
        cache.piece("first", first);
        assertEquals(1, renderings.get(), "kept while under the bound");

        for (int i = 0; i < 50; i++) {
            String id = "piece-" + i;
            cache.piece(id, () -> new PublicPageCache.Tagged("the text of " + id, "1"));
        }

        cache.piece("first", first);
        assertEquals(2, renderings.get(), "rendered again once the pieces' shelf started empty");
    }

    private static ContentConfig config(long maxBytes) {
        ContentConfig.PublicPages pages = new ContentConfig.PublicPages() {
            @Override
            public Duration ttl() {
                return Duration.ofHours(1);
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public int maxPageBytes() {
                return 400;
            }
        };
        return (ContentConfig) Proxy.newProxyInstance(ContentConfig.class.getClassLoader(), new Class<?>[] { ContentConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("publicPages")) {
                        return pages;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
