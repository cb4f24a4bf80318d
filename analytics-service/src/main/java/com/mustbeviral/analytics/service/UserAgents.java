package com.mustbeviral.analytics.service;

import java.util.List;
import java.util.Locale;

/**
 * Device, browser and OS families from a User-Agent, and whether it is a known bot. The repository
 * served here has neither yauaa nor uap-java (PLATFORM.md's maven-partial.tsv), so this is a short
 * table of the families dashboards group by; anything else is "other". Order matters: Edge and
 * Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
 */
public final class UserAgents {

    /** What a User-Agent says about the client. */
    public record Agent(String device, String browser, String os, boolean bot) {
    }

    private static final List<String> BOTS = List.of("bot", "crawler", "spider", "slurp", "headless", "lighthouse",
            "curl/", "wget/", "python-requests", "httpclient", "facebookexternalhit", "preview", "monitor");
    private static final List<String[]> BROWSERS = List.of(new String[] { "edg/", "Edge" },
            new String[] { "opr/", "Opera" }, new String[] { "samsungbrowser", "Samsung Internet" },
            new String[] { "firefox/", "Firefox" }, new String[] { "fxios/", "Firefox" },
            new String[] { "crios/", "Chrome" }, new String[] { "chrome/", "Chrome" },
            new String[] { "safari/", "Safari" });
    private static final List<String[]> SYSTEMS = List.of(new String[] { "android", "Android" },
            new String[] { "iphone", "iOS" }, new String[] { "ipad", "iOS" }, new String[] { "windows", "Windows" },
            new String[] { "mac os x", "macOS" }, new String[] { "cros", "ChromeOS" }, new String[] { "linux", "Linux" });

    private UserAgents() {
    }

    public static Agent parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Agent("other", "other", "other", false);
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        boolean bot = BOTS.stream().anyMatch(ua::contains);
        return new Agent(device(ua), first(ua, BROWSERS), first(ua, SYSTEMS), bot);
    }

    private static String device(String ua) {
        if (ua.contains("ipad") || ua.contains("tablet") || (ua.contains("android") && !ua.contains("mobile"))) {
            return "tablet";
        }
        if (ua.contains("mobile") || ua.contains("iphone")) {
            return "mobile";
        }
        return ua.contains("windows") || ua.contains("macintosh") || ua.contains("x11") || ua.contains("cros")
                ? "desktop" : "other";
    }

    private static String first(String ua, List<String[]> table) {
        for (String[] entry : table) {
            if (ua.contains(entry[0])) {
                return entry[1];
            }
        }
        return "other";
    }
}
