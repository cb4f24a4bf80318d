package com.mustbeviral.content.rest;

import com.mustbeviral.content.generation.GenerationRefusal;
import com.mustbeviral.content.moderation.ModerationRefusal;
import com.mustbeviral.content.media.MediaRefusal;
import com.mustbeviral.content.search.SearchRefusal;
import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.content.usage.UsageRefusal;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;

/** content-service's one catalogue of problem types: how each refusal is answered. */
@ApplicationScoped
public class ContentProblems implements ProblemCatalogue {

    static final ProblemType GENERATION_PROVIDER_FAILED = ProblemType.named("generation-provider-failed", 502,
            "The generation provider failed");
    static final ProblemType GENERATION_PROVIDER_UNAVAILABLE = ProblemType.named("generation-provider-unavailable", 503,
            "The generation provider is unavailable");
    static final ProblemType MODERATION_PROVIDER_UNAVAILABLE = ProblemType.named("moderation-provider-unavailable",
            503, "The moderation provider is unavailable");
    static final ProblemType USAGE_LIMIT_REACHED = ProblemType.named("usage-limit-reached", 402, "Usage limit reached");

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        return switch (reason) {
            case ContentRefusal content -> typeOf(content);
            case GenerationRefusal generation -> switch (generation) {
                case PROVIDER_BAD_ANSWER -> GENERATION_PROVIDER_FAILED;
                case PROVIDER_UNAVAILABLE -> GENERATION_PROVIDER_UNAVAILABLE;
            };
            case ModerationRefusal moderation -> switch (moderation) {
                case PROVIDER_UNAVAILABLE -> MODERATION_PROVIDER_UNAVAILABLE;
            };
            case UsageRefusal usage -> switch (usage) {
                case LIMIT_REACHED -> USAGE_LIMIT_REACHED;
            };
            case SearchRefusal search -> switch (search) {
                case INVALID_QUERY -> ProblemType.named("invalid-query", 400, "Invalid query");
                case UNKNOWN_MODE -> ProblemType.named("unknown-mode", 400, "Unknown search mode");
                case INVALID_FILTER -> ProblemType.named("invalid-filter", 400, "Invalid filter");
            };
            case MediaRefusal media -> switch (media) {
                case UNSUPPORTED_MEDIA -> ProblemType.named("unsupported-media", 415, "Unsupported media");
                case TOO_LARGE -> ProblemType.named("media-too-large", 413, "Media too large");
                case NOT_FOUND -> ProblemType.plain(404, "Not Found");
                case BAD_RANGE -> ProblemType.named("range-not-satisfiable", 416, "Range not satisfiable");
            };
            default -> throw new IllegalArgumentException("No problem type for " + reason);
        };
    }

    private static ProblemType typeOf(ContentRefusal reason) {
        return switch (reason) {
            case NOT_FOUND -> ProblemType.plain(404, "Not Found");
            case VERSION_REQUIRED -> ProblemType.named("version-required", 428, "If-Match required");
            case STALE_VERSION -> ProblemType.named("stale-version", 412, "Stale version");
            case ILLEGAL_TRANSITION -> ProblemType.named("illegal-transition", 409, "Illegal status transition");
            case REJECTED_CONTENT -> ProblemType.named("rejected-content", 409, "Rejected content");
            case SCHEDULE_IN_THE_PAST -> ProblemType.named("schedule-in-the-past", 422, "Schedule in the past");
            case SLUG_TAKEN -> ProblemType.named("slug-taken", 409, "Slug taken");
            case ETHICS_FAILED -> ProblemType.named("ethics-check-failed", 422, "Ethics check failed");
            case INVALID_CONTENT -> ProblemType.named("invalid-content", 400, "Invalid content");
            case NO_USER -> ProblemType.named("no-user", 403, "No user");
            case NOT_ALLOWED -> ProblemType.plain(403, "Forbidden");
            case REVISION_NOT_FOUND -> ProblemType.named("revision-not-found", 404, "Revision not found");
            case NOT_IN_REVIEW -> ProblemType.named("not-in-review", 409, "Not in review");
            case BAD_CURSOR -> ProblemType.named("bad-cursor", 400, "Bad cursor");
        };
    }

    /**
     * The upgrade link as a {@code Link} header too, for clients that follow links rather than read
     * bodies; and {@code Retry-After} when the refusal says when to come back (an open circuit).
     */
    @Override
    public Problem decorate(Problem problem, Refusal refusal) {
        if (refusal.reason() == UsageRefusal.LIMIT_REACHED && refusal.facts().get("upgrade_url") != null) {
            problem.header("Link", "<" + refusal.facts().get("upgrade_url") + ">; rel=\"payment\"");
        }
        Object retryAfter = refusal.facts().get(GenerationRefusal.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            problem.header("Retry-After", retryAfter.toString());
        }
        return problem;
    }
}
