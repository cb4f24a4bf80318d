package com.mustbeviral.analytics.rest;

import com.mustbeviral.analytics.service.AnalyticsRefusal;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * analytics-service's one catalogue of problem types: how each refusal is answered, as a whole
 * response or, for one event of a batch, inside the multi-status answer.
 */
@ApplicationScoped
public class AnalyticsProblems implements ProblemCatalogue {

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        return switch ((AnalyticsRefusal) reason) {
            case INVALID_EVENT -> ProblemType.named("invalid-event", 422, "Invalid event");
            case UNKNOWN_EVENT_TYPE -> ProblemType.named("unknown-event-type", 422, "Unknown event type");
            case UNKNOWN_CONTENT -> ProblemType.named("unknown-content", 422, "Event for unknown content");
            case EVENT_FROM_THE_FUTURE -> ProblemType.named("event-from-the-future", 422, "Event from the future");
            case EVENT_TOO_OLD -> ProblemType.named("event-too-old", 422, "Event too old");
            case INGESTION_UNAVAILABLE -> ProblemType.named("ingestion-unavailable", 503, "Ingestion unavailable");
            case CONTENT_NOT_FOUND -> ProblemType.named("content-not-found", 404, "Content not found");
            case NOT_YOUR_CONTENT -> ProblemType.named("not-your-content", 403, "Not your content");
            case INVALID_RANGE -> ProblemType.named("invalid-range", 400, "Invalid range");
        };
    }
}
