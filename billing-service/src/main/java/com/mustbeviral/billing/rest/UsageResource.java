package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.Feature;
import com.mustbeviral.billing.service.Entitlements;
import com.mustbeviral.billing.repository.UsageLedger;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's usage in the current period, per feature, from billing's ledger. */
@Path("/api/billing/usage")
public class UsageResource {

    private final Entitlements entitlements;
    private final UsageLedger ledger;
    private final Callers callers;
    private final Clock clock;

    UsageResource(Entitlements entitlements, UsageLedger ledger, Callers callers, Clock clock) {
        this.entitlements = entitlements;
        this.ledger = ledger;
        this.callers = callers;
        this.clock = clock;
    }

    public record FeatureUsage(String feature, long limit, long used, long remaining) {
    }

    public record UsageView(String plan, Instant periodStart, Instant periodEnd, List<FeatureUsage> features) {
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The current period's limit, used and remaining units per metered feature")
    public UsageView usage() throws SQLException {
        return view(callers.user());
    }

    UsageView view(UUID userId) throws SQLException {
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
