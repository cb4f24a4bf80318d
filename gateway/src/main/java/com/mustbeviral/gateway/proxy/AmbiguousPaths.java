package com.mustbeviral.gateway.proxy;

/**
 * Paths the gateway and a service behind it could read differently. The gateway decides on the path
 * as it stands (route, token, scope, admin, rate limit, cost); the services' REST layer drops
 * {@code ;parameters} from segments and decodes {@code %2F} and {@code %3B} before it matches. So
 * {@code /gateway/upstreams;x} would pass the gateway's admin check and still reach the endpoint, and
 * {@code /api/auth/login;x} would escape the login limit. No client of this API needs such paths, so
 * they are refused (400) rather than rewritten: a rewrite would have to track every upstream's parser.
 * Dot segments are not on the list: Vert.x resolves them ({@code normalizedPath}) exactly as the
 * services do, and the gateway decides on that resolved path.
 */
final class AmbiguousPaths {

    private AmbiguousPaths() {
    }

    /** Why {@code rawPath} (as sent, still percent-encoded) is ambiguous, or null when it is not. */
    static String reason(String rawPath) {
        if (rawPath == null) {
            return "no path";
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == ';') {
                return "';' path parameters are not accepted";
            }
            if (c == '\\') {
                return "'\\\\' is not accepted in a path";
            }
            if (c == '/' && i + 1 < rawPath.length() && rawPath.charAt(i + 1) == '/') {
                return "empty path segments ('//') are not accepted";
            }
            if (c == '%' && i + 2 < rawPath.length()) {
                char high = rawPath.charAt(i + 1);
                char low = Character.toUpperCase(rawPath.charAt(i + 2));
                // %2F '/', %3B ';', %5C '\\', %25 '%' (decoded twice, it could become any of them), %00
                if (high == '2' && (low == 'F' || low == '5') || high == '3' && low == 'B' || high == '5' && low == 'C'
                        || high == '0' && low == '0') {
                    return "an encoded '/', ';', '\\\\', '%' or NUL is not accepted in a path";
                }
            }
        }
        return null;
    }
}
