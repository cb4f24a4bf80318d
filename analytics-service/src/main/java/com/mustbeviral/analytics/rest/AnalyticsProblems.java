package com.mustbeviral.analytics.rest;

import com.mustbeviral.analytics.service.AnalyticsRefusal;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

/** analytics-service's one catalogue of problem types: how each refusal is answered. */
@ApplicationScoped
public class AnalyticsProblems implements ProblemCatalogue {

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        return switch ((AnalyticsRefusal) reason) {
            case EVENT_FROM_THE_FUTURE -> ProblemType.named("event-from-the-future", 400, "Event from the future");
        };
    }
}
