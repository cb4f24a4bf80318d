package com.mustbeviral.analytics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.analytics.EventType;
import com.mustbeviral.analytics.repository.ContentStatsRepository;
import com.mustbeviral.analytics.repository.ContentStatsRepository.Tracked;
import com.mustbeviral.analytics.repository.Counters;
import com.mustbeviral.analytics.repository.RollupRepository;
import com.mustbeviral.analytics.repository.RollupRepository.Dimension;
import com.mustbeviral.analytics.repository.RollupRepository.Row;
import com.mustbeviral.analytics.repository.RollupRepository.Visit;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What web and mobile clients draw, read from the rollups (never from raw events), cached in Redis. */
@ApplicationScoped
public class Dashboards {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    static final Duration LONGEST_RANGE = Duration.ofDays(366);
    static final Duration LONGEST_HOURLY_RANGE = Duration.ofDays(31);
    static final int TOP = 5;

    /** One step of a time series. */
    public record Point(Instant start, Numbers numbers) {
    }

    public record ContentDashboard(String contentId, Period granularity, Instant from, Instant to, Numbers totals,
            List<Point> series, Map<String, Long> topSources, Map<String, Long> topDevices,
            Map<String, Long> topCountries) {
    }

    public record ContentNumbers(String contentId, long views, long likes, long shares, long comments, long clicks,
            long conversions) {
    }

    /** Growth in percent per number against the period before (null when there was nothing before). */
    public record Growth(Double views, Double likes, Double shares, Double comments, Double clicks, Double conversions) {
    }

    public record Overview(String authorId, Instant from, Instant to, ContentNumbers totals, ContentNumbers previous,
            Growth growth, List<ContentNumbers> bestContent) {
    }

    public record Trend(String contentId, long viewsRecent, long viewsBefore, double viewsPerHour, long gain) {
    }

    public record Trending(Instant from, Instant to, Duration window, List<Trend> content) {
    }

    private final ContentStatsRepository stats;
    private final RollupRepository rollups;
    private final DashboardCache cache;
    private final ObjectMapper json;
    private final Clock clock;

    Dashboards(ContentStatsRepository stats, RollupRepository rollups, DashboardCache cache, ObjectMapper json,
            Clock clock) {
        this.stats = stats;
        this.rollups = rollups;
        this.cache = cache;
        this.json = json;
        this.clock = clock;
    }

    /** A content's totals, time series and top sources, devices and countries, as JSON. */
    public String content(Caller caller, String contentId, Period period, Instant from, Instant to) throws Exception {
        Tracked tracked = stats.find(contentId);
        if (tracked == null) {
            throw new Refusal(AnalyticsRefusal.CONTENT_NOT_FOUND, "Analytics tracks no published content " + contentId + ".");
        }
        if (!caller.mayRead(tracked.authorId())) {
            throw new Refusal(AnalyticsRefusal.NOT_YOUR_CONTENT, "Only the author of " + contentId
                    + " or an admin reads its numbers.");
        }
        Instant[] range = range(period, from, to, period == Period.HOUR ? LONGEST_HOURLY_RANGE : LONGEST_RANGE);
        String key = "analytics:content:" + contentId + ":" + tracked.updatedAt() + ":" + period + ":"
                + range[0].toEpochMilli() + ":" + range[1].toEpochMilli();
        return cache.get(key, () -> json.writeValueAsString(contentDashboard(contentId, period, range[0], range[1])));
    }

    private ContentDashboard contentDashboard(String contentId, Period period, Instant from, Instant to)
            throws Exception {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        List<Row> rows = rollups.rows(contentId, period.rollups(), start, end);
        Map<Long, Counters> perPeriod = new HashMap<>();
        Counters total = new Counters();
        for (Row row : rows) {
            perPeriod.computeIfAbsent(period.floor(Instant.ofEpochMilli(row.bucket())).toEpochMilli(),
                    b -> new Counters()).add(row.counters());
            total.add(row.counters());
        }
        Map<Long, Set<String>> visitors = new HashMap<>();
        Set<String> allVisitors = new HashSet<>();
        for (Visit visit : rollups.visits(contentId, period.rollups(), start, end)) {
            visitors.computeIfAbsent(period.floor(Instant.ofEpochMilli(visit.bucket())).toEpochMilli(),
                    b -> new HashSet<>()).add(visit.visitor());
            allVisitors.add(visit.visitor());
        }
        List<Point> series = new ArrayList<>();
        for (Instant step = from; step.isBefore(to); step = period.next(step)) {
            long bucket = step.toEpochMilli();
            series.add(new Point(step, Numbers.of(perPeriod.getOrDefault(bucket, new Counters()),
                    visitors.getOrDefault(bucket, Set.of()).size())));
        }
        return new ContentDashboard(contentId, period, from, to, Numbers.of(total, allVisitors.size()), series,
                top(rows, Dimension.SOURCE), top(rows, Dimension.DEVICE), top(rows, Dimension.COUNTRY));
    }

    /** The {@link #TOP} values of {@code dimension} with the most views (more than none), ties by name. */
    private static Map<String, Long> top(List<Row> rows, Dimension dimension) {
        Map<String, Long> views = new HashMap<>();
        for (Row row : rows) {
            views.merge(dimension.of(row), row.counters().get(EventType.VIEW), Long::sum);
        }
        Map<String, Long> top = new LinkedHashMap<>();
        views.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** A creator's totals across their content over [from, to) against the period before, and their best content. */
    public String overview(Caller caller, String authorId, Instant from, Instant to) throws Exception {
        String author = authorId == null ? caller.userId() : authorId;
        if (author == null || !caller.mayRead(author)) {
            throw new Refusal(AnalyticsRefusal.NOT_YOUR_CONTENT, "Only a creator or an admin reads a creator's overview.");
        }
        Instant[] range = range(Period.DAY, from, to, LONGEST_RANGE);
        Duration length = Duration.between(range[0], range[1]);
        String key = "analytics:overview:" + author + ":" + stats.authorVersion(author) + ":"
                + range[0].toEpochMilli() + ":" + range[1].toEpochMilli();
        return cache.get(key, () -> {
            Map<String, Counters> current = rollups.byContentOfAuthor(author, range[0].toEpochMilli(),
                    range[1].toEpochMilli());
            Map<String, Counters> before = rollups.byContentOfAuthor(author, range[0].minus(length).toEpochMilli(),
                    range[0].toEpochMilli());
            ContentNumbers totals = sum(current);
            ContentNumbers previous = sum(before);
            List<ContentNumbers> best = current.entrySet().stream().map(e -> numbers(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(ContentNumbers::views).reversed()
                            .thenComparing(ContentNumbers::contentId))
                    .limit(TOP).toList();
            return json.writeValueAsString(new Overview(author, range[0], range[1], totals, previous,
                    new Growth(growth(totals.views(), previous.views()), growth(totals.likes(), previous.likes()),
                            growth(totals.shares(), previous.shares()), growth(totals.comments(), previous.comments()),
                            growth(totals.clicks(), previous.clicks()),
                            growth(totals.conversions(), previous.conversions())),
                    best));
        });
    }

    /**
     * The live content gaining views fastest: views in the last {@code window} of hours (the current
     * one included) against the window before; ranked by the gain. Cached for a minute at most.
     */
    public String trending(Duration window, int limit) throws Exception {
        if (window.compareTo(Duration.ofHours(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0 || limit < 1
                || limit > 100) {
            throw new Refusal(AnalyticsRefusal.INVALID_RANGE, "window must lie within PT1H..P7D and limit within 1..100.");
        }
        Instant now = clock.instant();
        Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Duration hours = Duration.ofHours(window.toHours());
        Instant from = to.minus(hours);
        String key = "analytics:trending:" + hours + ":" + limit + ":" + now.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        return cache.get(key, () -> {
            Map<String, Long> recent = rollups.viewsByContent(from.toEpochMilli(), to.toEpochMilli());
            Map<String, Long> before = rollups.viewsByContent(from.minus(hours).toEpochMilli(), from.toEpochMilli());
            List<Trend> trends = recent.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> {
                long was = before.getOrDefault(e.getKey(), 0L);
                return new Trend(e.getKey(), e.getValue(), was, (double) e.getValue() / hours.toHours(), e.getValue() - was);
            }).sorted(Comparator.comparingLong(Trend::gain).reversed().thenComparing(Comparator.comparingLong(
                    Trend::viewsRecent).reversed()).thenComparing(Trend::contentId)).limit(limit).toList();
            return json.writeValueAsString(new Trending(from, to, hours, trends));
        });
    }

    /** [from, to) widened to whole periods; the default is the last 30 days (2 for hours) up to now. The span is checked before widening. */
    private Instant[] range(Period period, Instant from, Instant to, Duration longest) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(period == Period.HOUR ? Duration.ofDays(2) : DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw new Refusal(AnalyticsRefusal.INVALID_RANGE, "from must lie before to.");
        }
        if (Duration.between(start, end).compareTo(longest) > 0) {
            throw new Refusal(AnalyticsRefusal.INVALID_RANGE, "A " + period.name().toLowerCase(Locale.ROOT)
                    + " series spans at most " + longest.toDays() + " days.");
        }
        Instant endFloor = period.floor(end);
        return new Instant[] { period.floor(start), endFloor.equals(end) ? end : period.next(endFloor) };
    }

    /** The sum over all of a creator's content (no content id). */
    private static ContentNumbers sum(Map<String, Counters> byContent) {
        Counters total = new Counters();
        byContent.values().forEach(total::add);
        return numbers(null, total);
    }

    private static ContentNumbers numbers(String id, Counters c) {
        return new ContentNumbers(id, c.get(EventType.VIEW), c.get(EventType.LIKE), c.get(EventType.SHARE),
                c.get(EventType.COMMENT), c.get(EventType.CLICK), c.get(EventType.CONVERSION));
    }

    private static Double growth(long now, long before) {
        return before == 0 ? null : Math.round((now - before) * 1000.0 / before) / 10.0;
    }
}
