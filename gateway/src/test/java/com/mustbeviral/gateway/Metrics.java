package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one counter or gauge from the gateway's Prometheus endpoint. */
final class Metrics {

    private Metrics() {
    }

    /** The value of {@code name} with the one tag {@code tag=value}; 0 when it has no series yet. */
    static double value(String name, String tag, String value) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*" + tag + "=\"" + Pattern.quote(value) + "\"[^}]*} (\\S+)$")
                .matcher(Management.given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** The value of {@code name} without tags; 0 when it has none yet. */
    static double value(String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(Management.given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : 0;
    }
}
