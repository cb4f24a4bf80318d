package com.mustbeviral.content.rest;

import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

/** content-service's one catalogue of problem types: how each refusal is answered. */
@ApplicationScoped
public class ContentProblems implements ProblemCatalogue {

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        return switch ((ContentRefusal) reason) {
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
}
