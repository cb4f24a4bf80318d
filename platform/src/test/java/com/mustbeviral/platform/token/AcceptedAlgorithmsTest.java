package com.mustbeviral.platform.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** Issue 18: every verifier accepts exactly the configured algorithms, ES256 unless told otherwise. */
class AcceptedAlgorithmsTest {

    @Test
    void everyServiceGetsTheFleetsAlgorithmForSmallryeJwt() {
        ConfigSource source = ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::get)
                .filter(FleetTokenAlgorithm.class::isInstance).findFirst().orElseThrow();

        assertEquals("ES256", source.getValue("mp.jwt.verify.publickey.algorithm"));
        assertEquals(AccessTokenClaims.SIGNATURE_ALGORITHM, source.getValue("mp.jwt.verify.publickey.algorithm"));
        assertTrue(source.getOrdinal() < 100, "application.properties and the environment override it");
    }

    @Test
    void bothAlgorithmsMayBeAcceptedDuringASwitch() {
        assertEquals(Set.of("ES256", "RS256"), AcceptedAlgorithms.of("p", List.of("es256", " RS256")));
    }

    @Test
    void anHmacIsRefusedAtStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AcceptedAlgorithms.of("mp.jwt.verify.publickey.algorithm", List.of("ES256", "HS256")));
        assertTrue(e.getMessage().startsWith("mp.jwt.verify.publickey.algorithm names 'HS256'"), e.getMessage());
    }

    @Test
    void noneIsRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> AcceptedAlgorithms.of("p", List.of("none")));
    }

    @Test
    void anotherCurveIsRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> AcceptedAlgorithms.of("p", List.of("ES384")));
    }

    @Test
    void noAlgorithmIsRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> AcceptedAlgorithms.of("p", List.of()));
    }
}
