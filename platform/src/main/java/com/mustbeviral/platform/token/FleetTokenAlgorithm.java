package com.mustbeviral.platform.token;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every service smallrye-jwt's {@code mp.jwt.verify.publickey.algorithm} from the fleet's one
 * definition, {@link AccessTokenClaims#SIGNATURE_ALGORITHM}, instead of a copy in each service's
 * properties. The environment ({@code MP_JWT_VERIFY_PUBLICKEY_ALGORITHM=RS256}, or {@code ES256,RS256}
 * while auth-service switches) overrides it; {@link AcceptedAlgorithms} refuses anything but those.
 * Registered through {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 */
public class FleetTokenAlgorithm implements ConfigSource {

    /** The smallrye-jwt property: the signature algorithms a token may carry. */
    public static final String PROPERTY = "mp.jwt.verify.publickey.algorithm";

    // Below application.properties (250) and META-INF/microprofile-config.properties (100).
    private static final int ORDINAL = 50;
    private static final Map<String, String> VALUES = Map.of(PROPERTY, AccessTokenClaims.SIGNATURE_ALGORITHM);

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "platform-fleet-token-algorithm";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
