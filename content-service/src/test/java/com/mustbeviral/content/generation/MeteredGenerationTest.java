package com.mustbeviral.content.generation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mustbeviral.content.generation.GenerationRequest.Kind;
import com.mustbeviral.content.generation.GenerationRequest.Length;
import com.mustbeviral.content.usage.Feature;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.content.usage.UsageRefusal;
import com.mustbeviral.platform.problem.Refusal;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Generation and metering together: what the generate endpoint calls. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class MeteredGenerationTest {

    private static final GenerationRequest REQUEST = new GenerationRequest("Five habits of calm people", Kind.BLOG_POST,
            "warm", Length.SHORT, "en");

    @Inject
    MeteredGeneration metered;

    @Inject
    TextGenerator configured;

    @Inject
    UsageMeter meter;

    @ConfigProperty(name = "content.usage.free.ai-generations")
    long freeGenerations;

    @Test
    void theDefaultProviderIsTheLocalOutline() {
        assertEquals(LocalOutlineGenerator.PROVIDER, configured.provider());
    }

    @Test
    void aGenerationHoldsOneUnitUntilTheCallerCommitsIt() throws Exception {
        UUID user = UUID.randomUUID();

        MeteredGeneration.Metered result = metered.generate(user, REQUEST);

        assertEquals(LocalOutlineGenerator.PROVIDER, result.text().provider());
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        meter.commit(result.reservation());
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).reserved());
    }

    @Test
    void aFailedGenerationHoldsAndCountsNothing() throws Exception {
        UUID user = UUID.randomUUID();
        MeteredGeneration failing = new MeteredGeneration(new Failing(), meter);

        Refusal refusal = assertThrows(Refusal.class, () -> failing.generate(user, REQUEST));

        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).reserved());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).used());
    }

    @Test
    void overTheLimitTheProviderIsNeverAsked() throws Exception {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < freeGenerations; i++) {
            meter.commit(metered.generate(user, REQUEST).reservation());
        }
        Failing provider = new Failing();
        MeteredGeneration counting = new MeteredGeneration(provider, meter);

        Refusal whole = assertThrows(Refusal.class, () -> counting.generate(user, REQUEST));
        Refusal streamed = assertThrows(Refusal.class, () -> counting.stream(user, REQUEST));

        assertEquals(UsageRefusal.LIMIT_REACHED, whole.reason());
        assertEquals(UsageRefusal.LIMIT_REACHED, streamed.reason());
        assertEquals(0, provider.calls.get());
        assertEquals(freeGenerations, meter.usage(user, Feature.AI_GENERATIONS).used());
    }

    @Test
    void aStreamThatFailsGivesItsUnitBack() throws Exception {
        UUID user = UUID.randomUUID();
        MeteredGeneration.MeteredStream stream = new MeteredGeneration(new Failing(), meter).stream(user, REQUEST);
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).reserved());

        assertThrows(Refusal.class, () -> stream.events().collect().asList().await().atMost(Duration.ofSeconds(5)));

        await().atMost(Duration.ofSeconds(5)).until(() -> meter.usage(user, Feature.AI_GENERATIONS).reserved() == 0);
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).used());
    }

    @Test
    void aStreamWhoseClientLeavesGivesItsUnitBack() throws Exception {
        UUID user = UUID.randomUUID();
        MeteredGeneration.MeteredStream stream = metered.stream(user, REQUEST);

        List<GenerationEvent> first = stream.events().select().first(2).collect().asList().await()
                .atMost(Duration.ofSeconds(5));

        assertEquals(2, first.size());
        await().atMost(Duration.ofSeconds(5)).until(() -> meter.usage(user, Feature.AI_GENERATIONS).reserved() == 0);
    }

    @Test
    void aStreamCommittedAtItsEndStaysCounted() throws Exception {
        UUID user = UUID.randomUUID();
        MeteredGeneration.MeteredStream stream = metered.stream(user, REQUEST);

        List<GenerationEvent> events = stream.events().collect().asList().await().atMost(Duration.ofSeconds(5));
        meter.commit(stream.reservation());

        assertEquals(LocalOutlineGenerator.lines(REQUEST).size() + 1, events.size());
        assertEquals(1, meter.usage(user, Feature.AI_GENERATIONS).used());
        assertEquals(0, meter.usage(user, Feature.AI_GENERATIONS).reserved());
    }

    /** A provider that is away, counting how often it was asked. */
    private static final class Failing implements TextGenerator {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public GeneratedText generate(GenerationRequest request) {
            calls.incrementAndGet();
            throw new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE, "away");
        }

        @Override
        public Multi<GenerationEvent> stream(GenerationRequest request) {
            calls.incrementAndGet();
            return Multi.createFrom().failure(new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE, "away"));
        }

        @Override
        public String provider() {
            return "failing";
        }
    }
}
