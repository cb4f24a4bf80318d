package com.mustbeviral.billing.service;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.repository.UsageLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user's current period per feature: limit, used (the ledger) and remaining. */
@ApplicationScoped
public class UsageViews {

    private final Entitlements entitlements;
    private final UsageLedger ledger;
    private final Clock clock;

    UsageViews(Entitlements entitlements, UsageLedger ledger, Clock clock) {
        this.entitlements = entitlements;
        this.ledger = ledger;
        this.clock = clock;
    }

    public record FeatureUsage(String feature, long limit, long used, long remaining) {
    }

    public record UsageView(String plan, Instant periodStart, Instant periodEnd, List<FeatureUsage> features) {
    }

    public UsageView of(UUID userId) throws SQLException {
        Entitlements.Entitlement current = entitlements.of(userId, clock.instant());
        Map<Feature, Long> used = ledger.used(userId, current.period().start());
        List<FeatureUsage> features = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            long limit = current.plan().limits().of(feature);
            long count = used.get(feature);
            features.add(new FeatureUsage(feature.wireName(), limit, count, Math.max(0, limit - count)));
        }
        return new UsageView(current.plan().id(), current.period().start(), current.period().end(), features);
    }
}
