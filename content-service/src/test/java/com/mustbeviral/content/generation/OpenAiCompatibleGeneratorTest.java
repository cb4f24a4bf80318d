package com.mustbeviral.content.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.mustbeviral.content.generation.GenerationRequest.Kind;
import com.mustbeviral.content.generation.GenerationRequest.Length;
import com.mustbeviral.platform.problem.Refusal;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible generator against WireMock speaking the chat-completions protocol (JSON
 * answers and SSE streams). In a Quarkus test because the fault-tolerance guard is the running
 * application's; each test builds its own generator, so that no circuit state leaks between tests.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class OpenAiCompatibleGeneratorTest {

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final GenerationRequest REQUEST = new GenerationRequest("Three tips for better phone photos",
            Kind.SOCIAL_POST, "playful", Length.SHORT, "en");

    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    @Test
    void aCompletionBecomesTextWithItsModelAndTokens() {
        server.stubFor(post(COMPLETIONS).willReturn(json(completion("Tip one: use the light you have."))));

        GeneratedText text = generator(settings()).generate(REQUEST);

        assertEquals("Tip one: use the light you have.", text.text());
        assertEquals("openai-compatible", text.provider());
        assertEquals("test-model-2026-01", text.model());
        assertEquals(42, text.promptTokens());
        assertEquals(9, text.completionTokens());
        assertTrue(text.writtenByModel());
        server.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("test-model")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("a social media post")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("playful tone")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(REQUEST.prompt()))));
    }

    @Test
    void aStreamDeliversEachTokenAsItArrivesThenTheWholeWithItsUsage() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(sse(List.of("Tip", " one:", " light."))).withChunkedDribbleDelay(6, 1500)));
        List<GenerationEvent> events = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();

        generator(settings()).stream(REQUEST).invoke(event -> {
            events.add(event);
            arrivals.add(System.nanoTime());
        }).collect().asList().await().atMost(Duration.ofSeconds(10));

        List<String> tokens = new ArrayList<>();
        events.stream().filter(GenerationEvent.Token.class::isInstance)
                .forEach(event -> tokens.add(((GenerationEvent.Token) event).text()));
        assertEquals(List.of("Tip", " one:", " light."), tokens);
        GeneratedText result = assertInstanceOf(GenerationEvent.Completed.class, events.get(events.size() - 1)).result();
        assertEquals("Tip one: light.", result.text());
        assertEquals("test-model-2026-01", result.model());
        assertEquals(42, result.promptTokens());
        assertEquals(3, result.completionTokens());
        // The body trickles in over 1.5 s: the first token is handed on long before the end, not buffered.
        long firstToEnd = Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).toMillis();
        assertTrue(firstToEnd >= 500, "first token only " + firstToEnd + " ms before the end");
        server.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
    }

    @Test
    void aServerErrorIsRetriedThenABadAnswer() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"boom\"}}")));

        Refusal refusal = assertThrows(Refusal.class, () -> generator(settings()).generate(REQUEST));

        assertEquals(GenerationRefusal.PROVIDER_BAD_ANSWER, refusal.reason());
        assertTrue(refusal.detail().contains("500"), refusal.detail());
        server.verify(3, postRequestedFor(urlEqualTo(COMPLETIONS))); // the first attempt and 2 retries
    }

    @Test
    void aFailureThatPassesOnASecondTryIsNotSeenByTheCaller() {
        server.stubFor(post(COMPLETIONS).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        server.stubFor(post(COMPLETIONS).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(json(completion("Back again."))));

        assertEquals("Back again.", generator(settings()).generate(REQUEST).text());
        server.verify(2, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void aClientErrorIsNotRetried() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"bad model\"}}")));

        Refusal refusal = assertThrows(Refusal.class, () -> generator(settings()).generate(REQUEST));

        assertEquals(GenerationRefusal.PROVIDER_BAD_ANSWER, refusal.reason());
        server.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnavailable() {
        server.stubFor(post(COMPLETIONS).willReturn(json(completion("Too late.")).withFixedDelay(3000)));
        OpenAiCompatibleGenerator generator = generator(settings().timeout(Duration.ofMillis(400)).maxRetries(0));

        long started = System.nanoTime();
        Refusal refusal = assertThrows(Refusal.class, () -> generator.generate(REQUEST));

        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
        assertTrue(refusal.detail().contains("in time"), refusal.detail());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500, "waited past the timeout");
    }

    @Test
    void aStreamWhoseFirstTokenIsLateIsUnavailable() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse(List.of("Late")))
                .withFixedDelay(3000)));
        OpenAiCompatibleGenerator generator = generator(settings().timeout(Duration.ofMillis(400)).maxRetries(0));

        Refusal refusal = assertThrows(Refusal.class,
                () -> generator.stream(REQUEST).collect().asList().await().atMost(Duration.ofSeconds(10)));

        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
    }

    @Test
    void aFirstTokenSlowerThanTheIdleTimeoutButWithinTheTimeoutIsWaitedFor() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse(List.of("Worth", " waiting.")))
                .withFixedDelay(1200)));
        OpenAiCompatibleGenerator generator = generator(settings().streamIdleTimeout(Duration.ofMillis(500)));

        List<GenerationEvent> events = generator.stream(REQUEST).collect().asList().await()
                .atMost(Duration.ofSeconds(10));

        GeneratedText result = assertInstanceOf(GenerationEvent.Completed.class, events.get(events.size() - 1)).result();
        assertEquals("Worth waiting.", result.text());
    }

    @Test
    void aStreamThatFallsSilentAfterItsFirstTokensIsUnavailable() {
        // Two halves a second or more apart: the first holds the first tokens, the second the rest.
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse(List.of("One", " two", " three")))
                .withChunkedDribbleDelay(2, 3000)));
        OpenAiCompatibleGenerator generator = generator(settings().streamIdleTimeout(Duration.ofMillis(400)));
        List<GenerationEvent> received = new CopyOnWriteArrayList<>();

        Refusal refusal = assertThrows(Refusal.class, () -> generator.stream(REQUEST).invoke(received::add).collect()
                .asList().await().atMost(Duration.ofSeconds(10)));

        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
        assertTrue(refusal.detail().contains("stopped sending"), refusal.detail());
        assertTrue(!received.isEmpty() && received.get(0) instanceof GenerationEvent.Token, received.toString());
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndItsCallsNeverReachTheProvider() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(500)));
        OpenAiCompatibleGenerator generator = generator(settings().maxRetries(0));

        for (int i = 0; i < 4; i++) {
            Refusal refusal = assertThrows(Refusal.class, () -> generator.generate(REQUEST));
            assertEquals(GenerationRefusal.PROVIDER_BAD_ANSWER, refusal.reason());
        }
        Refusal whole = assertThrows(Refusal.class, () -> generator.generate(REQUEST));
        Refusal streamed = assertThrows(Refusal.class,
                () -> generator.stream(REQUEST).collect().asList().await().atMost(Duration.ofSeconds(10)));

        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, whole.reason());
        assertTrue(whole.detail().contains("paused"), whole.detail());
        assertEquals(60L, whole.facts().get(GenerationRefusal.RETRY_AFTER_SECONDS), "the circuit's delay");
        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, streamed.reason());
        assertEquals(60L, streamed.facts().get(GenerationRefusal.RETRY_AFTER_SECONDS));
        server.verify(4, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void anUnreachableProviderIsUnavailable() {
        TestSettings settings = settings().maxRetries(0);
        settings.baseUrl = "http://127.0.0.1:1/v1";

        Refusal refusal = assertThrows(Refusal.class, () -> generator(settings).generate(REQUEST));

        assertEquals(GenerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
        // The circuit is closed: a retry may work at once, so no time is promised.
        assertEquals(null, refusal.facts().get(GenerationRefusal.RETRY_AFTER_SECONDS));
    }

    private static OpenAiCompatibleGenerator generator(TestSettings settings) {
        return new OpenAiCompatibleGenerator(settings, Clock.systemUTC());
    }

    private static TestSettings settings() {
        TestSettings settings = new TestSettings();
        settings.baseUrl = server.baseUrl() + "/v1";
        return settings;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String completion(String text) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"test-model-2026-01",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":42,"completion_tokens":9,"total_tokens":51}}""".formatted(text);
    }

    /** An OpenAI chat-completions stream: a role chunk, one chunk per token, the finish, the usage, [DONE]. */
    private static String sse(List<String> tokens) {
        String head = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"test-model-2026-01\",";
        StringBuilder body = new StringBuilder();
        body.append("data: ").append(head)
                .append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String token : tokens) {
            body.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(token).append("\"},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        body.append("data: ").append(head)
                .append("\"choices\":[],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":3,\"total_tokens\":45}}\n\n");
        body.append("data: [DONE]\n\n");
        return body.toString();
    }

    /** Short waits and a small circuit window, so that the tests run in seconds. */
    static final class TestSettings implements GenerationSettings.OpenAi {
        String baseUrl;
        Duration timeout = Duration.ofSeconds(5);
        Duration streamIdleTimeout = Duration.ofSeconds(5);
        int maxRetries = 2;

        TestSettings streamIdleTimeout(Duration value) {
            streamIdleTimeout = value;
            return this;
        }

        TestSettings timeout(Duration value) {
            timeout = value;
            return this;
        }

        TestSettings maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        @Override
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.of("test-key");
        }

        @Override
        public String model() {
            return "test-model";
        }

        @Override
        public double temperature() {
            return 0.2;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public Duration streamIdleTimeout() {
            return streamIdleTimeout;
        }

        @Override
        public int maxRetries() {
            return maxRetries;
        }

        @Override
        public Duration retryDelay() {
            return Duration.ofMillis(10);
        }

        @Override
        public int circuitRequestVolume() {
            return 4;
        }

        @Override
        public double circuitFailureRatio() {
            return 0.5;
        }

        @Override
        public Duration circuitDelay() {
            return Duration.ofMinutes(1);
        }
    }
}
