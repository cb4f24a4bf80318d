package com.mustbeviral.content.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.generation.GenerationRefusal;
import com.mustbeviral.content.moderation.ModerationRefusal;
import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.content.usage.UsageRefusal;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answers the platform's mapper gives for these refusals: status, type, and the facts a client acts on. */
class ContentProblemsTest {

    private final ContentProblems problems = new ContentProblems();

    @Test
    void everyReasonOfTheServiceHasAType() {
        for (Enum<?>[] reasons : new Enum<?>[][] {ContentRefusal.values(), GenerationRefusal.values(),
                ModerationRefusal.values(), UsageRefusal.values()}) {
            for (Enum<?> reason : reasons) {
                assertTrue(problems.typeOf(reason).status() >= 400, reason.name());
            }
        }
    }

    @Test
    void aProviderFailureIs502AndAnUnavailableOne503() {
        assertEquals(502, problems.typeOf(GenerationRefusal.PROVIDER_BAD_ANSWER).status());
        assertEquals(503, problems.typeOf(GenerationRefusal.PROVIDER_UNAVAILABLE).status());
        assertEquals(503, problems.typeOf(ModerationRefusal.PROVIDER_UNAVAILABLE).status());
        assertEquals("https://mustbeviral.com/problems/generation-provider-unavailable",
                problems.typeOf(GenerationRefusal.PROVIDER_UNAVAILABLE).type().toString());
    }

    @Test
    void anOpenCircuitSaysWhenToComeBack() {
        Refusal refusal = new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE, "paused")
                .with(GenerationRefusal.RETRY_AFTER_SECONDS, 30L);
        Problem problem = Problem.of(problems.typeOf(refusal.reason()), refusal.detail());
        refusal.facts().forEach(problem::with);

        Response response = problems.decorate(problem, refusal).response("/api/content/generate");

        assertEquals(503, response.getStatus());
        assertEquals("30", response.getHeaderString("Retry-After"));
    }

    @Test
    void aReachedLimitIs402WithWhichLimitThePeriodsEndAndAnUpgradeLink() {
        Refusal refusal = new Refusal(UsageRefusal.LIMIT_REACHED, "Your free plan allows 10 ai generations.")
                .with("limit", "ai_generations").with("period_end", "2027-01-01T00:00:00Z")
                .with("upgrade_url", "/api/billing/plans");
        Problem problem = Problem.of(problems.typeOf(refusal.reason()), refusal.detail());
        refusal.facts().forEach(problem::with);

        Response response = problems.decorate(problem, refusal).response("/api/content/generate");

        assertEquals(402, response.getStatus());
        assertEquals("</api/billing/plans>; rel=\"payment\"", response.getHeaderString("Link"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertEquals("https://mustbeviral.com/problems/usage-limit-reached", body.get("type"));
        assertEquals("ai_generations", body.get("limit"));
        assertEquals("2027-01-01T00:00:00Z", body.get("period_end"));
        assertEquals("/api/billing/plans", body.get("upgrade_url"));
    }
}
