package com.mustbeviral.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.TestTokens;
import java.security.PublicKey;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/** Issue 18: which keys of a JWKS may verify tokens, and which algorithm each may verify. */
class SigningKeysTest {

    @Test
    void keepsTheP256AndTheRsaKeys() throws Exception {
        SigningKeys keys = SigningKeys.parse(jwks(TestTokens.signingKey(), TestTokens.rsaSigningKey()));

        assertEquals(2, keys.byKid().size());
    }

    @Test
    void leavesOutAKeyOfAnotherCurve() throws Exception {
        PublicJsonWebKey p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        p384.setKeyId("p384");

        SigningKeys keys = SigningKeys.parse(jwks(TestTokens.signingKey(), p384));

        assertTrue(keys.key("p384").isEmpty());
        assertTrue(keys.key(TestTokens.signingKey().getKeyId()).isPresent());
    }

    @Test
    void leavesOutAnEcKeyMeantForAnotherAlgorithm() throws Exception {
        PublicJsonWebKey ec = TestTokens.newKey("ec-for-es512");
        ec.setAlgorithm("ES512");

        assertTrue(SigningKeys.parse(jwks(ec)).key("ec-for-es512").isEmpty());
    }

    @Test
    void anEcKeyVerifiesEs256Only() {
        PublicKey ec = TestTokens.signingKey().getPublicKey();

        assertTrue(SigningKeys.fits("ES256", ec));
        assertFalse(SigningKeys.fits("RS256", ec));
        assertFalse(SigningKeys.fits("HS256", ec));
    }

    @Test
    void anRsaKeyVerifiesRs256Only() {
        PublicKey rsa = TestTokens.rsaSigningKey().getPublicKey();

        assertTrue(SigningKeys.fits("RS256", rsa));
        assertFalse(SigningKeys.fits("ES256", rsa));
    }

    private static String jwks(PublicJsonWebKey... keys) {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            json.append(i == 0 ? "" : ",").append(keys[i].toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        return json.append("]}").toString();
    }
}
