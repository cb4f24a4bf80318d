package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.config.AnalyticsConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Dashboard answers in Redis for {@code analytics.cache-ttl} (the seed's 15 minutes). Keys carry the
 * version of the numbers they were computed from (the time the content's, or the author's, numbers
 * last changed), so a change makes a new key and an answer is never staler than the rollups; the
 * TTL only bounds how long unread answers take room. Redis away or slow: computed from the rollups.
 */
@ApplicationScoped
public class DashboardCache {

    private static final Logger LOG = Logger.getLogger(DashboardCache.class);

    private final ReactiveValueCommands<String, String> values;
    private final AnalyticsConfig config;

    DashboardCache(ReactiveRedisDataSource redis, AnalyticsConfig config) {
        this.values = redis.value(String.class, String.class);
        this.config = config;
    }

    /** The answer under {@code key}, else {@code compute}'s, stored for the next reader. */
    public String get(String key, Callable<String> compute) throws Exception {
        try {
            String cached = values.get(key).await().atMost(config.cacheTimeout());
            if (cached != null) {
                return cached;
            }
        } catch (RuntimeException e) {
            LOG.debugf("Dashboard cache unavailable, answering from the rollups: %s", e.toString());
        }
        String answer = compute.call();
        values.setex(key, config.cacheTtl().toSeconds(), answer).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Dashboard cache not written: %s", failure.toString()));
        return answer;
    }
}
