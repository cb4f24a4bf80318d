package com.mustbeviral.auth.session.service;

import java.util.Locale;

/** A coarse device class from a User-Agent, for the session list a user reads. */
final class DeviceType {

    private DeviceType() {
    }

    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("ipad") || ua.contains("tablet")) {
            return "tablet";
        }
        if (ua.contains("mobile") || ua.contains("iphone") || ua.contains("android")) {
            return "mobile";
        }
        if (ua.contains("mozilla") || ua.contains("windows") || ua.contains("macintosh") || ua.contains("linux")) {
            return "desktop";
        }
        return "other";
    }
}
