package com.mustbeviral.platform.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 13, hole 10: one clock skew for the verifiers, and revocations that outlive it. */
@Tag("revocation-skew")
class FleetClockSkewTest {

    @Test
    void everyServiceGetsTheFleetsSkewForSmallryeJwt() {
        ConfigSource source = ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::get)
                .filter(FleetClockSkew.class::isInstance).findFirst().orElseThrow();

        assertEquals(Integer.toString(AccessTokenClaims.CLOCK_SKEW_SECONDS), source.getValue("mp.jwt.verify.clock.skew"));
        assertTrue(source.getOrdinal() < 100, "application.properties and microprofile-config.properties override it");
    }

    @Test
    void aRevocationIsRefusedUntilItsTokensExpirePlusTheSkew() {
        Instant expireBy = Instant.parse("2026-12-04T12:15:00Z");

        assertEquals(Instant.parse("2026-12-04T12:15:30Z"),
                new SessionRevocation("s", expireBy).refusedUntil(Duration.ofSeconds(30)));
    }
}
