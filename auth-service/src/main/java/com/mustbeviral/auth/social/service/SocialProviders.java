package com.mustbeviral.auth.social.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The social providers and whether each is on: its quarkus-oidc tenant (named after the id in our
 * paths and in {@code oauth_accounts.provider}) is enabled and has a client id.
 */
@ApplicationScoped
public class SocialProviders {

    /** Every provider we know, in the order they are listed. */
    public static final List<String> ALL = List.of("google", "github", "twitter");

    private final Map<String, Boolean> enabled;

    SocialProviders(Config config) {
        this.enabled = ALL.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                id -> config.getOptionalValue("quarkus.oidc." + id + ".tenant-enabled", Boolean.class).orElse(false)
                        && config.getOptionalValue("quarkus.oidc." + id + ".client-id", String.class).isPresent()));
    }

    public boolean enabled(String id) {
        return enabled.getOrDefault(id, false);
    }
}
