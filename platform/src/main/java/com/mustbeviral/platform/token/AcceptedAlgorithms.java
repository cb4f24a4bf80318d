package com.mustbeviral.platform.token;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The signature algorithms an access-token verifier is configured to accept, checked once: only
 * {@link AccessTokenClaims#SIGNATURE_ALGORITHMS_ALLOWED}, at least one. A typo or {@code HS256} in the
 * environment stops the service at start instead of opening a way in (an HMAC keyed with a public
 * key) or refusing every token. The services' smallrye-jwt setting is checked here at start; the
 * gateway checks its own {@code gateway.auth.algorithms} with {@link #of}.
 */
@ApplicationScoped
public class AcceptedAlgorithms {

    void check(@Observes @Priority(1) StartupEvent event) {
        List<String> configured = ConfigProvider.getConfig()
                .getOptionalValues(FleetTokenAlgorithm.PROPERTY, String.class).orElse(List.of());
        of(FleetTokenAlgorithm.PROPERTY, configured);
    }

    /** The configured algorithms as a set, or an {@link IllegalStateException} naming the property. */
    public static Set<String> of(String property, Collection<String> configured) {
        Set<String> accepted = new LinkedHashSet<>();
        for (String name : configured) {
            String algorithm = name.trim().toUpperCase(Locale.ROOT);
            if (!AccessTokenClaims.SIGNATURE_ALGORITHMS_ALLOWED.contains(algorithm)) {
                throw new IllegalStateException(property + " names '" + name + "'; access tokens are signed with one of "
                        + AccessTokenClaims.SIGNATURE_ALGORITHMS_ALLOWED + " (never none, never an HMAC)");
            }
            accepted.add(algorithm);
        }
        if (accepted.isEmpty()) {
            throw new IllegalStateException(property + " names no algorithm; the fleet's is "
                    + AccessTokenClaims.SIGNATURE_ALGORITHM);
        }
        return Set.copyOf(accepted);
    }
}
