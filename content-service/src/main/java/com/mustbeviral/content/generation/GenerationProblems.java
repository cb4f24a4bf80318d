package com.mustbeviral.content.generation;

import com.mustbeviral.content.moderation.ModerationRefusal;
import com.mustbeviral.content.usage.UsageRefusal;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The problem types of generation, moderation and metering. A stand-in until content-service has its
 * one catalogue (ContentProblems): these entries move there, and this default bean then steps aside
 * by itself ({@link DefaultBean}), so that the service never has two catalogues.
 */
@ApplicationScoped
@DefaultBean
public class GenerationProblems implements ProblemCatalogue {

    public static final ProblemType PROVIDER_BAD_ANSWER = ProblemType.named("generation-provider-failed", 502,
            "The generation provider failed");
    public static final ProblemType PROVIDER_UNAVAILABLE = ProblemType.named("generation-provider-unavailable", 503,
            "The generation provider is unavailable");
    public static final ProblemType MODERATION_UNAVAILABLE = ProblemType.named("moderation-provider-unavailable", 503,
            "The moderation provider is unavailable");
    public static final ProblemType LIMIT_REACHED = ProblemType.named("usage-limit-reached", 402,
            "Usage limit reached");

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        if (reason instanceof GenerationRefusal generation) {
            return switch (generation) {
                case PROVIDER_BAD_ANSWER -> PROVIDER_BAD_ANSWER;
                case PROVIDER_UNAVAILABLE -> PROVIDER_UNAVAILABLE;
            };
        }
        if (reason instanceof ModerationRefusal moderation) {
            return switch (moderation) {
                case PROVIDER_UNAVAILABLE -> MODERATION_UNAVAILABLE;
            };
        }
        if (reason instanceof UsageRefusal usage) {
            return switch (usage) {
                case LIMIT_REACHED -> LIMIT_REACHED;
            };
        }
        throw new IllegalArgumentException("No problem type for " + reason);
    }

    /** The upgrade link as a {@code Link} header too, for clients that follow links rather than read bodies. */
    @Override
    public Problem decorate(Problem problem, Refusal refusal) {
        if (refusal.reason() == UsageRefusal.LIMIT_REACHED && refusal.facts().get("upgrade_url") != null) {
            problem.header("Link", "<" + refusal.facts().get("upgrade_url") + ">; rel=\"payment\"");
        }
        return problem;
    }
}
