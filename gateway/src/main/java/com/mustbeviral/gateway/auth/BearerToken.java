package com.mustbeviral.gateway.auth;

import java.util.List;

/** Reads the access token of an {@code Authorization: Bearer ...} header (RFC 6750 2.1). */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The token of the request's Authorization header values, or null when there is no single bearer token. */
    public static String of(List<String> authorization) {
        if (authorization.size() != 1) {
            return null; // two credentials are as good as none: which one would the upstream use?
        }
        // By hand, not by regex: a case-insensitive pattern over a 1 KB token was a visible share of CPU per request.
        String value = authorization.get(0).trim();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = value.substring(SCHEME.length()).stripLeading();
        return isToken68(token) ? token : null;
    }

    /** RFC 6750 b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static boolean isToken68(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
