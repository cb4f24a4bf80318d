package com.mustbeviral.auth.partner;

import com.mustbeviral.contracts.auth.PartnerScopes;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The scopes a partner may be granted, and their space-separated wire form (RFC 6749 section 3.3). */
public final class OAuthScopes {

    // The scopes that open routes are the fleet's contract (with the routes they open, which the gateway
    // admits by); the others only shape what auth itself answers.
    public static final String CONTENT_READ = PartnerScopes.CONTENT_READ;
    public static final String CONTENT_WRITE = PartnerScopes.CONTENT_WRITE;
    public static final String ANALYTICS_READ = PartnerScopes.ANALYTICS_READ;
    public static final String OPENID = PartnerScopes.OPENID;
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";
    public static final String OFFLINE_ACCESS = "offline_access";

    /** Every scope there is, in the order the consent page lists them. */
    public static final Set<String> SUPPORTED = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(CONTENT_READ, CONTENT_WRITE, ANALYTICS_READ, OPENID, PROFILE, EMAIL, OFFLINE_ACCESS)));

    /** Scopes that speak for a person: a client acting for itself (client_credentials) never holds them. */
    public static final Set<String> USER_ONLY = Set.of(OPENID, PROFILE, EMAIL, OFFLINE_ACCESS);

    private OAuthScopes() {
    }

    /** The scopes of a {@code scope} parameter, in the order given; empty for null or blank. */
    public static Set<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return new LinkedHashSet<>();
        }
        return Arrays.stream(scope.trim().split(" +")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static String format(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    /** What a person reads on the consent page for a scope. */
    public static String describe(String scope) {
        return switch (scope) {
            case CONTENT_READ -> "Read your content";
            case CONTENT_WRITE -> "Create and change your content";
            case ANALYTICS_READ -> "Read the analytics of your content";
            case OPENID -> "Know who you are on Must Be Viral";
            case PROFILE -> "See your username and display name";
            case EMAIL -> "See your email address";
            case OFFLINE_ACCESS -> "Keep this access while you are away (until you revoke it)";
            default -> scope;
        };
    }
}
