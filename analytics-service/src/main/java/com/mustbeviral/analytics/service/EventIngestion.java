package com.mustbeviral.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.mustbeviral.analytics.config.AnalyticsConfig;
import com.mustbeviral.analytics.event.RawEventsPublisher;
import com.mustbeviral.analytics.repository.AudienceRepository;
import com.mustbeviral.analytics.repository.ContentStatsRepository;
import com.mustbeviral.analytics.repository.RawEventRepository;
import com.mustbeviral.contracts.analytics.EngagementRecorded;
import com.mustbeviral.contracts.analytics.ReaderEngaged;
import com.mustbeviral.platform.problem.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Takes batches of client events, each judged on its own: well formed, of a known type, about content
 * content.events said is published, dated within [now - max age, now + clock skew]. The accepted ones
 * go to analytics.raw (acknowledged by Kafka before the answer), where the aggregator counts each id
 * once; an id already stored is answered as a duplicate and not sent again. Known bots are dropped
 * and counted apart. A signed-in user's accepted events (unless they withdrew the analytics consent)
 * also go to analytics.engagement as {@code reader.engaged}, one per piece and type in a batch, for
 * content-service's recommendations.
 */
@ApplicationScoped
public class EventIngestion {

    /** Who sent a batch: the signed-in user (or null), their address and User-Agent. */
    public record Visit(UUID userId, String address, String userAgent) {
    }

    /** What became of one event. */
    public enum Status {
        ACCEPTED, DUPLICATE, REFUSED, BOT
    }

    /** One event's outcome: its id when it had a readable one, and the refusal when refused. */
    public record Outcome(UUID id, Status status, Refusal refusal) {
    }

    /** The outcome of every event of a batch, in the batch's order. */
    public record Receipt(List<Outcome> outcomes) {

        public long count(Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }
    }

    private final RawEventRepository rawEvents;
    private final ContentStatsRepository stats;
    private final AudienceRepository audience;
    private final VisitorIds visitors;
    private final RawEventsPublisher publisher;
    private final AnalyticsConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    EventIngestion(RawEventRepository rawEvents, ContentStatsRepository stats, AudienceRepository audience,
            VisitorIds visitors, RawEventsPublisher publisher, AnalyticsConfig config, MeterRegistry registry,
            Clock clock) {
        this.rawEvents = rawEvents;
        this.stats = stats;
        this.audience = audience;
        this.visitors = visitors;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    public Receipt ingest(List<JsonNode> batch, Visit visit) throws SQLException {
        Instant now = clock.instant();
        UserAgents.Agent agent = UserAgents.parse(visit.userAgent());
        Outcome[] outcomes = new Outcome[batch.size()];
        if (agent.bot()) {
            audience.countBots(now.truncatedTo(ChronoUnit.DAYS).toEpochMilli(), batch.size());
            registry.counter("analytics.events.bots").increment(batch.size());
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = new Outcome(null, Status.BOT, null);
            }
            return new Receipt(List.of(outcomes));
        }
        Map<Integer, ReportedEvent> candidates = judge(batch, now, outcomes);
        Set<UUID> contents = new HashSet<>();
        candidates.values().forEach(e -> contents.add(e.contentId()));
        Set<UUID> live = stats.live(contents);
        Set<UUID> ids = new HashSet<>();
        candidates.values().forEach(e -> ids.add(e.id()));
        Set<UUID> stored = rawEvents.existing(ids);

        // Counted as themselves unless they withdrew the analytics consent: then as anyone else.
        UUID user = visit.userId() != null && audience.countable(visit.userId().toString()) ? visit.userId() : null;
        String visitor = user != null ? VisitorIds.ofUser(user) : visitors.ofAnonymous(visit.address(),
                visit.userAgent(), now);
        List<EngagementRecorded> accepted = new ArrayList<>();
        Map<String, ReaderEngaged> read = new HashMap<>();
        for (Map.Entry<Integer, ReportedEvent> candidate : candidates.entrySet()) {
            ReportedEvent e = candidate.getValue();
            if (!live.contains(e.contentId())) {
                outcomes[candidate.getKey()] = refused(e.id(), new Refusal(AnalyticsRefusal.UNKNOWN_CONTENT,
                        "events[" + candidate.getKey() + "].content_id " + e.contentId() + " is not published content."));
            } else if (stored.contains(e.id())) {
                outcomes[candidate.getKey()] = new Outcome(e.id(), Status.DUPLICATE, null);
            } else {
                outcomes[candidate.getKey()] = new Outcome(e.id(), Status.ACCEPTED, null);
                accepted.add(new EngagementRecorded(e.id(), e.type().wireName(), e.contentId(), user, visitor,
                        or(e.source(), "direct"), e.medium(), e.campaign(), e.referrer(), or(e.deviceType(), agent.device()),
                        or(e.browser(), agent.browser()), or(e.os(), agent.os()), or(e.country(), "unknown"),
                        e.eventValue(), e.occurredAt(), now));
                if (user != null) {
                    read.merge(e.contentId() + " " + e.type().wireName(),
                            new ReaderEngaged(user, e.contentId(), e.type().wireName(), e.occurredAt()),
                            (a, b) -> a.occurredAt().isAfter(b.occurredAt()) ? a : b);
                }
            }
        }
        publisher.publish(accepted, List.copyOf(read.values()));
        registry.counter("analytics.events.accepted").increment(accepted.size());
        return new Receipt(List.of(outcomes));
    }

    /** The events that pass the checks that need no lookup, by index; the others' outcomes are set. */
    private Map<Integer, ReportedEvent> judge(List<JsonNode> batch, Instant now, Outcome[] outcomes) {
        Instant latest = now.plus(config.maxClockSkew());
        Instant earliest = now.minus(config.maxEventAge());
        Map<Integer, ReportedEvent> candidates = new HashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            ReportedEvent event;
            try {
                event = ReportedEvent.read(batch.get(i), i);
            } catch (Refusal refusal) {
                outcomes[i] = refused(idOf(batch.get(i)), refusal);
                continue;
            }
            if (event.occurredAt().isAfter(latest)) {
                outcomes[i] = refused(event.id(), new Refusal(AnalyticsRefusal.EVENT_FROM_THE_FUTURE, "events[" + i
                        + "].occurred_at lies more than " + config.maxClockSkew() + " ahead of the server clock."));
            } else if (event.occurredAt().isBefore(earliest)) {
                outcomes[i] = refused(event.id(), new Refusal(AnalyticsRefusal.EVENT_TOO_OLD, "events[" + i
                        + "].occurred_at lies more than " + config.maxEventAge() + " back."));
            } else if (!seen.add(event.id())) {
                outcomes[i] = new Outcome(event.id(), Status.DUPLICATE, null); // the same id twice in one batch
            } else {
                candidates.put(i, event);
            }
        }
        return candidates;
    }

    private Outcome refused(UUID id, Refusal refusal) {
        registry.counter("analytics.events.refused", "reason", refusal.reason().name().toLowerCase(java.util.Locale.ROOT)).increment();
        return new Outcome(id, Status.REFUSED, refusal);
    }

    private static UUID idOf(JsonNode node) {
        try {
            return node != null && node.hasNonNull("id") ? UUID.fromString(node.get("id").asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
