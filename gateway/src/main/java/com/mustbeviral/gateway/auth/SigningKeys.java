package com.mustbeviral.gateway.auth;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The verification keys of one JWKS document, by key id: RSA keys for RS256 and P-256 keys for ES256.
 * Keys of any other kind (another curve, an encryption key, a key meant for another algorithm) are
 * left out, so they can never verify a token.
 */
record SigningKeys(Map<String, PublicKey> byKid) {

    static final SigningKeys NONE = new SigningKeys(Map.of());

    /** The usable keys of a JWKS JSON document. */
    static SigningKeys parse(String jwksJson) throws JoseException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonWebKey jwk : new JsonWebKeySet(jwksJson).getJsonWebKeys()) {
            boolean signing = jwk.getUse() == null || "sig".equals(jwk.getUse());
            if (jwk.getKeyId() == null || !signing) {
                continue;
            }
            if (jwk instanceof RsaJsonWebKey rsa && meantFor(jwk, AlgorithmIdentifiers.RSA_USING_SHA256)) {
                keys.put(jwk.getKeyId(), rsa.getRsaPublicKey());
            } else if (jwk instanceof EllipticCurveJsonWebKey ec && EllipticCurves.P_256.equals(ec.getCurveName())
                    && meantFor(jwk, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)) {
                keys.put(jwk.getKeyId(), ec.getECPublicKey());
            }
        }
        return new SigningKeys(Map.copyOf(keys));
    }

    // A key that names no algorithm may serve the one of its kind.
    private static boolean meantFor(JsonWebKey jwk, String algorithm) {
        return jwk.getAlgorithm() == null || algorithm.equals(jwk.getAlgorithm());
    }

    /** Whether {@code key} is of the kind {@code algorithm} verifies with: no RS256 token under an EC key, nor the reverse. */
    static boolean fits(String algorithm, PublicKey key) {
        return switch (algorithm) {
            case AlgorithmIdentifiers.RSA_USING_SHA256 -> key instanceof RSAPublicKey;
            case AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256 -> key instanceof ECPublicKey;
            default -> false;
        };
    }

    Optional<PublicKey> key(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }
}
