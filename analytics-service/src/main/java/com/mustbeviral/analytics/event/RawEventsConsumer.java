package com.mustbeviral.analytics.event;

import com.mustbeviral.analytics.service.Aggregator;
import com.mustbeviral.platform.events.InboundEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * analytics.raw into the rollups: one polled batch per SQLite transaction ({@link Aggregator}),
 * acknowledged only after it commits, so the offset never runs ahead of the rollups. A batch that
 * keeps failing is retried one event at a time, and only the bad event is dead-lettered. Measures the
 * rollup lag (commit time minus the time ingestion produced the record): {@code analytics_rollup_lag_milliseconds},
 * sliding quantiles and fixed buckets.
 */
@ApplicationScoped
public class RawEventsConsumer {

    private static final double[] LAG_BUCKETS_MS = { 25, 50, 100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000,
            5_000, 10_000, 20_000, 30_000, 60_000, 120_000 };

    private final InboundEvents inbound;
    private final Aggregator aggregator;
    private final Clock clock;
    private final DistributionSummary lag;
    private final Counter consumed;

    RawEventsConsumer(InboundEvents inbound, Aggregator aggregator, Clock clock, MeterRegistry registry) {
        this.inbound = inbound;
        this.aggregator = aggregator;
        this.clock = clock;
        this.lag = DistributionSummary.builder("analytics.rollup.lag").baseUnit("milliseconds")
                .description("From ingestion to the rollups' commit").publishPercentiles(0.5, 0.99)
                // Fixed buckets besides the sliding quantiles: a bench takes the difference of two
                // scrapes and reads the lag quantiles of exactly its own events.
                .serviceLevelObjectives(LAG_BUCKETS_MS).register(registry);
        this.consumed = registry.counter("analytics.raw.consumed");
    }

    @Incoming("raw-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        inbound.handleBatch(records, aggregator::aggregate);
        long now = clock.millis();
        for (ConsumerRecord<String, String> record : records) {
            lag.record(Math.max(0, now - record.timestamp()));
        }
        consumed.increment(records.count());
    }
}
