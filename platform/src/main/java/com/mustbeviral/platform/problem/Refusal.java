package com.mustbeviral.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain outcome that refuses what the caller asked, raised by service classes with a reason of
 * the service's own (an enum constant) and a detail for people. The service's
 * {@link ProblemCatalogue} decides the HTTP answer; service classes never speak HTTP.
 */
public class Refusal extends RuntimeException {

    private final Enum<?> reason;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    public Refusal(Enum<?> reason, String detail) {
        super(detail, null, false, false); // an outcome, not a fault: no stack trace to fill
        this.reason = reason;
    }

    /** Adds a fact the client can act on (an extension member of the problem). */
    public Refusal with(String name, Object value) {
        facts.put(name, value);
        return this;
    }

    public Enum<?> reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
