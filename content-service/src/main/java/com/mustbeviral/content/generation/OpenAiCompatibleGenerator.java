package com.mustbeviral.content.generation;

import com.mustbeviral.platform.problem.Refusal;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, LM Studio) through langchain4j,
 * behind one {@link Guard}: a timeout per attempt, retries of what may pass on a second try, and a
 * circuit breaker shared by whole answers and streams, so that a provider that keeps failing is
 * refused at once (503) instead of making every creator wait for a timeout.
 * <p>
 * A stream is retried only until its first token: once text went to the client, a second attempt
 * would repeat it. The guard therefore covers the opening of a stream (its first token within the
 * timeout); the silence between later tokens is bounded by {@code stream-idle-timeout}.
 */
public final class OpenAiCompatibleGenerator implements TextGenerator {

    public static final String PROVIDER = "openai-compatible";

    private static final Logger LOG = Logger.getLogger(OpenAiCompatibleGenerator.class);
    private static final TypeLiteral<Uni<Multi<GenerationEvent>>> OPENED_STREAM = new TypeLiteral<>() {
    };

    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final GenerationSettings.OpenAi settings;
    private final Guard guard;
    private final Clock clock;

    public OpenAiCompatibleGenerator(GenerationSettings.OpenAi settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        String apiKey = settings.apiKey().orElse("none"); // local servers ignore it; the client wants one
        // The client's own timeout a little beyond the guard's, so that the guard decides; its own
        // retries off, so that retries are counted (and bounded) in one place.
        Duration clientTimeout = settings.timeout().plusSeconds(5);
        this.chat = OpenAiChatModel.builder().baseUrl(settings.baseUrl()).apiKey(apiKey).modelName(settings.model())
                .temperature(settings.temperature()).timeout(clientTimeout).maxRetries(0).build();
        this.streaming = OpenAiStreamingChatModel.builder().baseUrl(settings.baseUrl()).apiKey(apiKey)
                .modelName(settings.model()).temperature(settings.temperature()).timeout(clientTimeout).build();
        this.guard = Guard.create()
                .withDescription("generation provider " + settings.baseUrl())
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(settings.maxRetries()).delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS).whenException(OpenAiCompatibleGenerator::worthRetrying).done()
                .withCircuitBreaker().requestVolumeThreshold(settings.circuitRequestVolume())
                .failureRatio(settings.circuitFailureRatio())
                .delay(settings.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(state -> LOG.warnf("Generation provider circuit %s (%s)", state, settings.baseUrl()))
                .done()
                .withThreadOffload(false)
                .build();
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public GeneratedText generate(GenerationRequest request) {
        Instant started = clock.instant();
        List<ChatMessage> messages = Prompts.of(request);
        ChatResponse response;
        try {
            response = guard.call(() -> chat.chat(messages), ChatResponse.class);
        } catch (Exception e) {
            throw answer(e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new Refusal(GenerationRefusal.PROVIDER_BAD_ANSWER, "The generation provider answered without text.");
        }
        return result(text, response, started);
    }

    @Override
    public Multi<GenerationEvent> stream(GenerationRequest request) {
        List<ChatMessage> messages = Prompts.of(request);
        return Multi.createFrom().deferred(() -> {
            Instant started = clock.instant();
            Uni<Multi<GenerationEvent>> opened = guard.get(() -> open(messages, started), OPENED_STREAM);
            // The idle bound starts once the stream is open: the wait for the first token is the guard's timeout.
            return opened.onFailure().transform(this::answer)
                    .onItem().transformToMulti(events -> events.ifNoItem().after(settings.streamIdleTimeout())
                            .failWith(() -> new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE,
                                    "The generation provider stopped sending text for "
                                            + settings.streamIdleTimeout().toMillis() + " ms.")));
        });
    }

    /**
     * One attempt at a stream: succeeds with the stream once the first token (or the whole answer)
     * arrived, fails if the provider fails before that. Tokens are buffered until the caller subscribes.
     */
    private Uni<Multi<GenerationEvent>> open(List<ChatMessage> messages, Instant started) {
        return Uni.createFrom().emitter(opened -> {
            UnicastProcessor<GenerationEvent> events = UnicastProcessor.create();
            AtomicBoolean begun = new AtomicBoolean();
            StringBuilder text = new StringBuilder();
            // Stop the provider's work when nobody reads any more (the client left, a timeout): the
            // handle arrives with the first token, so a cancellation before it is applied then.
            AtomicReference<StreamingHandle> handle = new AtomicReference<>();
            AtomicBoolean abandoned = new AtomicBoolean();
            Runnable abandon = () -> {
                abandoned.set(true);
                StreamingHandle known = handle.get();
                if (known != null && !known.isCancelled()) {
                    known.cancel();
                }
            };
            opened.onTermination(() -> {
                if (!begun.get()) {
                    abandon.run(); // the guard gave up on this attempt (timeout) or the caller left
                }
            });
            Multi<GenerationEvent> read = events.onCancellation().invoke(abandon);
            streaming.chat(messages, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                    handle.compareAndSet(null, context.streamingHandle());
                    if (abandoned.get()) {
                        abandon.run();
                        return;
                    }
                    String token = partial.text();
                    if (token == null || token.isEmpty()) {
                        return;
                    }
                    text.append(token);
                    events.onNext(new GenerationEvent.Token(token));
                    if (begun.compareAndSet(false, true)) {
                        opened.complete(read);
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    String whole = response.aiMessage() != null && response.aiMessage().text() != null
                            ? response.aiMessage().text() : text.toString();
                    if (whole.isBlank()) {
                        onError(new Refusal(GenerationRefusal.PROVIDER_BAD_ANSWER,
                                "The generation provider answered without text."));
                        return;
                    }
                    events.onNext(new GenerationEvent.Completed(result(whole, response, started)));
                    events.onComplete();
                    if (begun.compareAndSet(false, true)) {
                        opened.complete(read);
                    }
                }

                @Override
                public void onError(Throwable error) {
                    if (begun.compareAndSet(false, true)) {
                        opened.fail(error);
                    } else {
                        events.onError(answer(error));
                    }
                }
            });
        });
    }

    private GeneratedText result(String text, ChatResponse response, Instant started) {
        TokenUsage usage = response.tokenUsage();
        int prompt = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int completion = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        String model = response.modelName() == null ? settings.model() : response.modelName();
        return new GeneratedText(text, PROVIDER, model, prompt, completion, Duration.between(started, clock.instant()));
    }

    /** Server errors, rate limits, timeouts and lost connections may pass on a second try; other answers will not. */
    static boolean worthRetrying(Throwable error) {
        if (error instanceof CircuitBreakerOpenException || error instanceof Refusal) {
            return false;
        }
        Integer status = httpStatus(error);
        if (status != null) {
            return status >= 500 || status == 429 || status == 408;
        }
        return unreachable(error);
    }

    /**
     * {@link #refusal} plus, when the circuit is open, when to come back: the circuit's delay, the
     * longest it refuses before it lets a call through (answered as {@code Retry-After}).
     */
    private Refusal answer(Throwable error) {
        Refusal refusal = refusal(error);
        if (error instanceof CircuitBreakerOpenException || error.getCause() instanceof CircuitBreakerOpenException) {
            refusal.with(GenerationRefusal.RETRY_AFTER_SECONDS, Math.max(1, settings.circuitDelay().toSeconds()));
        }
        return refusal;
    }

    /** A provider failure as the refusal the caller answers: 503 when it is away or slow, 502 when it answered badly. */
    static Refusal refusal(Throwable error) {
        if (error instanceof Refusal refusal) {
            return refusal;
        }
        if (error instanceof CircuitBreakerOpenException) {
            return new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE,
                    "The generation provider failed repeatedly; generation is paused for a while. Try again later.");
        }
        if (error instanceof TimeoutException || hasCause(error, HttpTimeoutException.class)
                || hasCause(error, dev.langchain4j.exception.TimeoutException.class)) {
            return new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE, "The generation provider did not answer in time.");
        }
        Integer status = httpStatus(error);
        if (status != null && status == 429) {
            return new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE, "The generation provider is over its rate limit.");
        }
        if (status != null) {
            LOG.warnf("Generation provider answered %d: %s", status, error.getMessage());
            return new Refusal(GenerationRefusal.PROVIDER_BAD_ANSWER,
                    "The generation provider answered with status " + status + ".");
        }
        if (unreachable(error)) {
            return new Refusal(GenerationRefusal.PROVIDER_UNAVAILABLE, "The generation provider cannot be reached.");
        }
        LOG.warn("Generation provider failed", error);
        return new Refusal(GenerationRefusal.PROVIDER_BAD_ANSWER, "The generation provider's answer could not be read.");
    }

    private static Integer httpStatus(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return null;
    }

    private static boolean unreachable(Throwable error) {
        return error instanceof TimeoutException || hasCause(error, IOException.class)
                || hasCause(error, dev.langchain4j.exception.TimeoutException.class);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }
}
