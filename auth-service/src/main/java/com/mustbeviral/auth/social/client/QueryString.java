package com.mustbeviral.auth.social.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code application/x-www-form-urlencoded} parameters, as in a query string or a URL fragment. */
public final class QueryString {

    private QueryString() {
    }

    /** The parameters whose value is not null, in the map's order. */
    public static String of(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** {@code base} with the parameters appended to its query. */
    public static String append(String base, Map<String, String> parameters) {
        return base + (base.contains("?") ? "&" : "?") + of(parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
