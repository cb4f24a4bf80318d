package com.mustbeviral.content.moderation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.platform.problem.Refusal;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The moderation client against WireMock speaking the OpenAI moderation protocol. */
class OpenAiModerationTest {

    private static final String MODERATIONS = "/v1/moderations";
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
    void theScoresOfEveryCategoryComeBackByName() {
        server.stubFor(post(MODERATIONS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"modr-1","model":"omni-moderation-2024-09-26","results":[{"flagged":true,
                         "categories":{"harassment":true,"self-harm/intent":false,"violence":false},
                         "category_scores":{"harassment":0.91,"self-harm/intent":0.0002,"violence":0.013}}]}""")));

        Map<String, Double> scores = moderation(server.baseUrl() + "/v1").scores("you are all idiots");

        assertEquals(Map.of("harassment", 0.91, "self-harm/intent", 0.0002, "violence", 0.013), scores);
        server.verify(1, postRequestedFor(urlEqualTo(MODERATIONS))
                .withHeader("Authorization", equalTo("Bearer mod-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("omni-moderation-latest")))
                .withRequestBody(matchingJsonPath("$.input", equalTo("you are all idiots"))));
    }

    @Test
    void offUnlessConfigured() {
        OpenAiModeration off = moderation(null);

        assertFalse(off.enabled());
        assertEquals(Map.of(), off.scores("anything"));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void anErrorStatusIsUnavailable() {
        server.stubFor(post(MODERATIONS).willReturn(aResponse().withStatus(500)));

        Refusal refusal = assertThrows(Refusal.class, () -> moderation(server.baseUrl() + "/v1").scores("text"));

        assertEquals(ModerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
        assertTrue(refusal.detail().contains("500"), refusal.detail());
    }

    @Test
    void anAnswerWithoutScoresIsUnavailable() {
        server.stubFor(post(MODERATIONS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"results\":[{\"flagged\":false}]}")));

        Refusal refusal = assertThrows(Refusal.class, () -> moderation(server.baseUrl() + "/v1").scores("text"));

        assertEquals(ModerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
    }

    @Test
    void aSlowAnswerIsUnavailableAfterTheTimeout() {
        server.stubFor(post(MODERATIONS).willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody("{\"results\":[{\"category_scores\":{}}]}")));

        long started = System.nanoTime();
        OpenAiModeration moderation = moderation(server.baseUrl() + "/v1", Duration.ofMillis(500));
        Refusal refusal = assertThrows(Refusal.class, () -> moderation.scores("text"));

        assertEquals(ModerationRefusal.PROVIDER_UNAVAILABLE, refusal.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500, "waited past the timeout");
    }

    /** The client with {@code content.moderation.*} as given (base URL null: off), key and timeout (5 s unless given). */
    private static OpenAiModeration moderation(String baseUrl) {
        return moderation(baseUrl, Duration.ofSeconds(5));
    }

    private static OpenAiModeration moderation(String baseUrl, Duration timeout) {
        ModerationSettings settings = new ModerationSettings() {
            @Override
            public Optional<String> baseUrl() {
                return Optional.ofNullable(baseUrl);
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.of("mod-key");
            }

            @Override
            public String model() {
                return "omni-moderation-latest";
            }

            @Override
            public Duration timeout() {
                return timeout;
            }
        };
        ContentConfig config = (ContentConfig) Proxy.newProxyInstance(ContentConfig.class.getClassLoader(),
                new Class<?>[] { ContentConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("moderation")) {
                        return settings;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new OpenAiModeration(config, new ObjectMapper());
    }
}
