package com.mustbeviral.auth.partner.service;

import java.util.List;
import java.util.Map;

/**
 * The parameters of an OAuth request (form body or query). RFC 6749 section 3.1: a parameter sent
 * more than once makes the request invalid, and an empty one counts as absent.
 */
public record FormParameters(Map<String, List<String>> values) {

    /** The value of a parameter sent at most once; null when absent or empty. */
    public String single(String name) {
        List<String> all = values.get(name);
        if (all == null || all.isEmpty()) {
            return null;
        }
        if (all.size() > 1) {
            throw OAuthError.invalidRequest("The parameter " + name + " was sent more than once.");
        }
        String value = all.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Like {@link #single} but the parameter is required. */
    public String required(String name) {
        String value = single(name);
        if (value == null) {
            throw OAuthError.invalidRequest("The parameter " + name + " is required.");
        }
        return value;
    }
}
