package com.mustbeviral.platform.problem;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem about to be answered: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} and any extension members, as {@code application/problem+json}.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final ProblemType type;
    private final String detail;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Problem(ProblemType type, String detail) {
        this.type = type;
        this.detail = detail;
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail);
    }

    /** Adds an extension member to the body. */
    public Problem with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    /** Adds a response header, e.g. {@code WWW-Authenticate}. */
    public Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The body as a JSON object. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.type().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }

    /** The JAX-RS answer for a request to {@code instance} (its path). */
    public Response response(String instance) {
        Response.ResponseBuilder response = Response.status(type.status()).type(MEDIA_TYPE).entity(body(instance));
        headers.forEach(response::header);
        return response.build();
    }
}
