package com.mustbeviral.auth.token;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** The JSON Web Key (RFC 7517) of an RSA public key. */
final class Jwk {

    private Jwk() {
    }

    static String of(String kid, RSAPublicKey key) {
        return new JsonObject()
                .put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", base64Url(key.getModulus())).put("e", base64Url(key.getPublicExponent()))
                .encode();
    }

    // JWK integers are unsigned big-endian: drop the sign byte BigInteger adds.
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
