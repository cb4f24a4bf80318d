package com.mustbeviral.audit.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A missing or invalid access token as a 401 problem with the RFC 6750 challenge. Takes precedence
 * over quarkus-resteasy-problem's own mapper, which fails on this Quarkus version (it reads a field
 * of {@code ChallengeData} that no longer exists).
 */
public class UnauthorizedProblem {

    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class },
            priority = Priorities.USER - 100)
    public Response toProblem(HttpHeaders headers, UriInfo uri) {
        boolean tokenPresented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Unauthorized");
        problem.put("status", 401);
        problem.put("detail", tokenPresented ? "The access token is invalid or expired." : "An access token is required.");
        problem.put("instance", uri.getPath());
        return Response.status(401).type("application/problem+json").entity(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
    }
}
