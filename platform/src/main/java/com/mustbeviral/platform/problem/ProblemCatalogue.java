package com.mustbeviral.platform.problem;

/**
 * A service's one list of problem types: which {@link ProblemType} answers each {@link Refusal}
 * reason. Each service that raises refusals provides exactly one bean of it.
 */
public interface ProblemCatalogue {

    /** The problem type of {@code reason}; every reason the service raises must have one. */
    ProblemType typeOf(Enum<?> reason);

    /** Headers the answer to {@code refusal} carries besides the body (none by default). */
    default Problem decorate(Problem problem, Refusal refusal) {
        return problem;
    }
}
