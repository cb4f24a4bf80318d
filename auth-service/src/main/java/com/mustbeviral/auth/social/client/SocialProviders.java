package com.mustbeviral.auth.social.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The social providers by their id, as they appear in paths. */
@ApplicationScoped
public class SocialProviders {

    private final Map<String, SocialProvider> byId;

    SocialProviders(Instance<SocialProvider> providers) {
        this.byId = providers.stream().collect(Collectors.toUnmodifiableMap(SocialProvider::id, Function.identity()));
    }

    /** The provider with this id when it exists and is configured. */
    public Optional<SocialProvider> enabled(String id) {
        return Optional.ofNullable(byId.get(id)).filter(SocialProvider::enabled);
    }
}
