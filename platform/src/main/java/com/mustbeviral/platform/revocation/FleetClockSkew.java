package com.mustbeviral.platform.revocation;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every service smallrye-jwt's {@code mp.jwt.verify.clock.skew} from the fleet's one definition,
 * {@link AccessTokenClaims#CLOCK_SKEW_SECONDS}, instead of a copy in each service's properties (and
 * instead of smallrye-jwt's own default of 60 s, which no revocation would cover). A service's
 * {@code application.properties} or environment still overrides it (higher ordinal); the
 * {@link com.mustbeviral.platform.store.RevokedSessionsTable} then follows the override. Registered
 * through {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 */
public class FleetClockSkew implements ConfigSource {

    /** The smallrye-jwt property: seconds a token is still accepted past its exp. */
    public static final String PROPERTY = "mp.jwt.verify.clock.skew";

    // Below application.properties (250) and META-INF/microprofile-config.properties (100).
    private static final int ORDINAL = 50;
    private static final Map<String, String> VALUES = Map.of(PROPERTY, Integer.toString(AccessTokenClaims.CLOCK_SKEW_SECONDS));

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
        return "platform-fleet-clock-skew";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
