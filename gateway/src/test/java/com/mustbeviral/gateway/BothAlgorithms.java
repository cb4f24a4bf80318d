package com.mustbeviral.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The gateway of a fleet switching auth-service between RS256 and ES256: it accepts both for a while. */
public class BothAlgorithms implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.auth.algorithms", "ES256,RS256");
    }
}
