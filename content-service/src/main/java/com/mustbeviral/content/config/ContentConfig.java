package com.mustbeviral.content.config;

import com.mustbeviral.content.generation.GenerationSettings;
import com.mustbeviral.content.moderation.ModerationSettings;
import com.mustbeviral.content.usage.UsageSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Configuration of content-service (prefix {@code content}). */
@ConfigMapping(prefix = "content")
public interface ContentConfig {

    /** Items per page when a list request names no limit. */
    @WithDefault("50")
    int defaultPageSize();

    Scheduler scheduler();

    Ethics ethics();

    Tags tags();

    /** The cache of rendered public pages ({@code content.public-pages.*}). */
    PublicPages publicPages();

    /** AI generation: the provider and its guard ({@code content.generation.*}). */
    GenerationSettings generation();

    /** The optional moderation provider ({@code content.moderation.*}). */
    ModerationSettings moderation();

    /** Metering against entitlements ({@code content.usage.*}). */
    UsageSettings usage();

    /** The publish scheduler. */
    interface Scheduler {
        /** How often it looks for due scheduled content (it also runs once at start). */
        @WithDefault("5s")
        String every();

        /** Due items published per run. */
        @WithDefault("100")
        int batchSize();
    }

    /** The ethics and quality check. */
    interface Ethics {
        /** Banned terms per category, comma-separated: {@code content.ethics.banned-terms.<category>=a,b}. */
        Map<String, String> bannedTerms();

        /** Per category: {@code content.ethics.thresholds.<category>=<review>,<fail>} (scores 0..1). */
        Map<String, String> thresholds();

        /** Thresholds of a category with none configured: review, fail. */
        @WithDefault("0.5,0.9")
        String defaultThreshold();
    }

    /** Tags. */
    interface Tags {
        /** The window of trending tags (taggings of published content within it). */
        @WithDefault("P7D")
        java.time.Duration trendingWindow();
    }

    /**
     * Rendered public pages (the feed, an author's page, a piece read by id) as anonymous readers get
     * them, kept in process. This instance's own changes drop them after their commit; the time to live
     * bounds how long another replica's change (or an engagement count) can be missing.
     */
    interface PublicPages {
        /** How long a rendered page is served; 0 turns the cache off. */
        @WithDefault("2s")
        java.time.Duration ttl();

        /**
         * The bytes of all cached pages together, half for list pages and half for pieces; a kind over
         * its half starts again empty.
         */
        @WithDefault("8388608")
        long maxBytes();

        /** A page larger than this (long bodies) is rendered each time instead. */
        @WithDefault("524288")
        int maxPageBytes();
    }
}
