package com.mustbeviral.content.generation;

import com.mustbeviral.content.usage.Feature;
import com.mustbeviral.content.usage.Reservation;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.platform.problem.Refusal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A generation within the user's plan: one AI generation reserved before the provider is asked (402
 * when none is left: nothing runs), released when the generation fails. The caller saves the draft
 * and calls {@link UsageMeter#commit} with the reservation in one transaction (count, draft and
 * {@code usage.incremented} together), or {@link UsageMeter#release} if saving fails.
 */
@ApplicationScoped
public class MeteredGeneration {

    private static final Logger LOG = Logger.getLogger(MeteredGeneration.class);

    private final TextGenerator generator;
    private final UsageMeter meter;

    MeteredGeneration(TextGenerator generator, UsageMeter meter) {
        this.generator = generator;
        this.meter = meter;
    }

    /** A generated text and the unit it holds until committed or released. */
    public record Metered(Reservation reservation, GeneratedText text) {
    }

    /** A stream and the unit it holds; the stream releases it itself if it fails or the client leaves. */
    public record MeteredStream(Reservation reservation, Multi<GenerationEvent> events) {
    }

    /**
     * Reserves, then generates the whole text. Blocking (a worker thread).
     *
     * @throws Refusal 402 (limit reached), 502 or 503 (provider); nothing is held then
     */
    public Metered generate(UUID userId, GenerationRequest request) throws SQLException {
        Reservation reservation = meter.reserve(userId, Feature.AI_GENERATIONS);
        try {
            return new Metered(reservation, generator.generate(request));
        } catch (RuntimeException e) {
            meter.release(reservation);
            throw e;
        }
    }

    /**
     * Reserves now (blocking, so that a 402 is answered before any byte is streamed), then streams
     * on subscription. If the stream fails, or its subscriber cancels before the caller committed,
     * the unit is given back.
     *
     * @throws Refusal 402 when the limit is reached; the provider's 502/503 come through the stream
     */
    public MeteredStream stream(UUID userId, GenerationRequest request) throws SQLException {
        Reservation reservation = meter.reserve(userId, Feature.AI_GENERATIONS);
        Multi<GenerationEvent> events = generator.stream(request)
                .onFailure().call(() -> release(reservation))
                .onCancellation().call(() -> release(reservation));
        return new MeteredStream(reservation, events);
    }

    /** Off the event loop: releasing writes to the database. A committed reservation stays counted. */
    private Uni<Void> release(Reservation reservation) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                meter.release(reservation);
            } catch (SQLException e) {
                // The reservation expires by itself (content.usage.reservation-ttl).
                LOG.warnf(e, "Could not release reservation %s", reservation.id());
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
