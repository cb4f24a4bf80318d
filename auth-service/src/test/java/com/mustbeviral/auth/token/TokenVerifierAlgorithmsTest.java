package com.mustbeviral.auth.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 18: auth-service's own verification accepts what is configured, and that includes what it signs. */
class TokenVerifierAlgorithmsTest {

    @Test
    void es256SigningWithEs256Verification() {
        assertArrayEquals(new String[] {"ES256"}, TokenVerifier.accepted(TokenAlgorithm.ES256, List.of("ES256")));
    }

    @Test
    void bothAcceptedDuringASwitch() {
        String[] accepted = TokenVerifier.accepted(TokenAlgorithm.RS256, List.of("ES256", "RS256"));
        assertTrue(Set.copyOf(Arrays.asList(accepted)).equals(Set.of("ES256", "RS256")));
    }

    @Test
    void signingWithAnAlgorithmItsOwnVerifierRefusesStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TokenVerifier.accepted(TokenAlgorithm.RS256, List.of("ES256")));
        assertTrue(e.getMessage().startsWith("auth.tokens.signing-algorithm is RS256 but"), e.getMessage());
    }

    @Test
    void anHmacIsNeverAccepted() {
        assertThrows(IllegalStateException.class, () -> TokenVerifier.accepted(TokenAlgorithm.ES256, List.of("ES256", "HS256")));
    }
}
