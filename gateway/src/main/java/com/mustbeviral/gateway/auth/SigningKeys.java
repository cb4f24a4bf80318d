package com.mustbeviral.gateway.auth;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/** The RS256 verification keys of one JWKS document, by key id. Keys of any other kind are left out. */
record SigningKeys(Map<String, PublicKey> byKid) {

    static final SigningKeys NONE = new SigningKeys(Map.of());

    /** The usable keys of a JWKS JSON document. */
    static SigningKeys parse(String jwksJson) throws JoseException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonWebKey jwk : new JsonWebKeySet(jwksJson).getJsonWebKeys()) {
            // Only signing RSA keys meant for RS256 (or not saying): an encryption key or an EC key
            // published for another purpose must not become a way in.
            boolean signing = jwk.getUse() == null || "sig".equals(jwk.getUse());
            boolean rs256 = jwk.getAlgorithm() == null || "RS256".equals(jwk.getAlgorithm());
            if (jwk instanceof RsaJsonWebKey rsa && jwk.getKeyId() != null && signing && rs256) {
                keys.put(jwk.getKeyId(), rsa.getRsaPublicKey());
            }
        }
        return new SigningKeys(Map.copyOf(keys));
    }

    Optional<PublicKey> key(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }
}
