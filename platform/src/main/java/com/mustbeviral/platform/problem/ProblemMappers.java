package com.mustbeviral.platform.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The problems every service answers the same way: a missing or invalid token (401 with the RFC 6750
 * challenge), a caller without the right (403), and a domain {@link Refusal} through the service's
 * {@link ProblemCatalogue}. They take precedence over quarkus-resteasy-problem's security mappers
 * (its 401 mapper fails on this Quarkus version: it reads a field of {@code ChallengeData} that no
 * longer exists; its 403 answers without type or detail), which it registers at priority 999.
 */
public class ProblemMappers {

    /** Ahead of quarkus-resteasy-problem's mappers of the same exceptions (999; a lower number wins). */
    private static final int AHEAD_OF_RESTEASY_PROBLEM = 900;

    @Inject
    Instance<ProblemCatalogue> catalogue;

    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class },
            priority = AHEAD_OF_RESTEASY_PROBLEM)
    public Response unauthorized(HttpHeaders headers, UriInfo uri) {
        boolean tokenPresented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        return Problem.of(ProblemType.UNAUTHORIZED,
                        tokenPresented ? "The access token is invalid or expired." : "An access token is required.")
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer")
                .response(uri.getPath());
    }

    @ServerExceptionMapper(value = ForbiddenException.class, priority = AHEAD_OF_RESTEASY_PROBLEM)
    public Response forbidden(UriInfo uri) {
        return Problem.of(ProblemType.FORBIDDEN, "This token does not allow this request.").response(uri.getPath());
    }

    @ServerExceptionMapper(priority = AHEAD_OF_RESTEASY_PROBLEM)
    public Response refused(Refusal refusal, UriInfo uri) {
        ProblemCatalogue problems = catalogue.get();
        Problem problem = Problem.of(problems.typeOf(refusal.reason()), refusal.detail());
        refusal.facts().forEach(problem::with);
        return problems.decorate(problem, refusal).response(uri.getPath());
    }
}
