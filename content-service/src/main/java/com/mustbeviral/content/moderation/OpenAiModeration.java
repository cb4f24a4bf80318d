package com.mustbeviral.content.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.ethics.ModerationSignals;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Category scores of a text from a server speaking the OpenAI moderation protocol
 * ({@code POST {base-url}/moderations}, {@code results[0].category_scores}: category → 0..1). Off unless
 * {@code content.moderation.base-url} is set. langchain4j's moderation model answers only
 * flagged / not flagged, so this speaks the protocol itself: the ethics check wants the scores, to
 * apply its own thresholds per category.
 * <p>
 * One of the ethics check's {@link ModerationSignals}: with it on, the provider's scores are judged
 * beside the rules' against each category's thresholds.
 */
@ApplicationScoped
public class OpenAiModeration implements ModerationSignals {

    private static final Logger LOG = Logger.getLogger(OpenAiModeration.class);

    private final ModerationSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    OpenAiModeration(ContentConfig config, ObjectMapper json) {
        this.settings = config.moderation();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Whether a provider is configured; without one, {@link #scores} answers no categories. */
    public boolean enabled() {
        return settings.baseUrl().isPresent();
    }

    /**
     * The provider's score per category (its names, e.g. {@code harassment}, {@code self-harm/intent}),
     * sorted by name; empty when moderation is off. Blocks; a provider that fails or does not answer in
     * time is a {@link Refusal} with {@link ModerationRefusal#PROVIDER_UNAVAILABLE}.
     */
    @Override
    public Map<String, Double> scores(String text) {
        if (!enabled()) {
            return Map.of();
        }
        HttpResponse<String> response;
        try {
            String body = json.writeValueAsString(Map.of("model", settings.model(), "input", text));
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint()).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("Moderation provider unreachable: %s", e.toString());
            throw unavailable("The moderation provider cannot be reached or did not answer in time.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for the moderation provider.");
        }
        if (response.statusCode() != 200) {
            LOG.warnf("Moderation provider answered %d", response.statusCode());
            throw unavailable("The moderation provider answered with status " + response.statusCode() + ".");
        }
        return read(response.body());
    }

    private Map<String, Double> read(String body) {
        JsonNode scores;
        try {
            scores = json.readTree(body).path("results").path(0).path("category_scores");
        } catch (IOException e) {
            throw unavailable("The moderation provider's answer is not JSON.");
        }
        if (!scores.isObject()) {
            throw unavailable("The moderation provider's answer has no category scores.");
        }
        Map<String, Double> result = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = scores.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNumber()) {
                throw unavailable("The moderation provider's score of " + field.getKey() + " is not a number.");
            }
            result.put(field.getKey(), field.getValue().asDouble());
        }
        return result;
    }

    private URI endpoint() {
        String base = settings.baseUrl().orElseThrow();
        return URI.create(base.endsWith("/") ? base + "moderations" : base + "/moderations");
    }

    private static Refusal unavailable(String detail) {
        return new Refusal(ModerationRefusal.PROVIDER_UNAVAILABLE, detail);
    }
}
