package com.mustbeviral.auth.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A JSON body of the wrong shape (a null, a string where a boolean belongs, an array for an object)
 * as a 400 problem naming the field, like a validation error. Takes precedence over Quarkus' own
 * mapper, which answers plain JSON without the problem fields. Subtypes that quarkus-resteasy-problem
 * maps itself (unknown property, invalid format) keep its mappers.
 */
public class JsonMismatchProblem {

    @ServerExceptionMapper(value = MismatchedInputException.class, priority = Priorities.USER - 100)
    public Response toProblem(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream().map(JsonMismatchProblem::name).collect(Collectors.joining("."));
        String message = e instanceof InvalidNullException ? "must not be null" : "has the wrong JSON type";
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", field.isEmpty() ? "The body does not have the expected JSON shape." : field + " " + message);
        problem.put("instance", uri.getPath());
        if (!field.isEmpty()) {
            problem.put("violations", List.of(Map.of("field", field, "in", "body", "message", message)));
        }
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }

    private static String name(JsonMappingException.Reference ref) {
        return ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]";
    }
}
