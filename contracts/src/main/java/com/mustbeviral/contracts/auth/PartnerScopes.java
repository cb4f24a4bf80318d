package com.mustbeviral.contracts.auth;

import java.util.List;

/**
 * The one definition of what a partner token (one with {@code client_id}) may call: each scope and the
 * routes it opens. The gateway admits partner tokens by it, and each service that checks scopes itself
 * names its routes' scopes from here (and tests that they agree), so that a route cannot be open at the
 * service and closed at the door, or the other way round. A route no rule names is closed to partners.
 *
 * <p>A route is {@code METHOD[|METHOD...] /prefix}; the prefix matches itself and whatever lies below it,
 * on whole path segments ({@code /api/content} matches {@code /api/content/42}, not {@code /api/contentx}).
 * The first rule that matches decides.
 */
public final class PartnerScopes {

    public static final String CONTENT_READ = "content:read";
    public static final String CONTENT_WRITE = "content:write";
    public static final String ANALYTICS_READ = "analytics:read";
    /** OpenID Connect: who the user is ({@code /oauth2/userinfo}); also opens {@code profile} and {@code email} claims there. */
    public static final String OPENID = "openid";

    /** One scope and the routes it opens. */
    public record Rule(String scope, List<String> routes) {
    }

    /** Every route open to partners, in the order they are matched. */
    public static final List<Rule> RULES = List.of(
            new Rule(CONTENT_READ, List.of("GET|HEAD /api/content", "GET|HEAD /api/tags", "GET|HEAD /api/media")),
            new Rule(CONTENT_WRITE, List.of("POST|PUT|PATCH|DELETE /api/content", "POST|DELETE /api/media")),
            new Rule(ANALYTICS_READ, List.of("GET|HEAD /api/analytics")),
            // OpenID Connect Core 5.3.1: the UserInfo endpoint takes GET and POST.
            new Rule(OPENID, List.of("GET|POST /oauth2/userinfo")));

    private PartnerScopes() {
    }
}
