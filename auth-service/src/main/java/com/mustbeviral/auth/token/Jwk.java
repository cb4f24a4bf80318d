package com.mustbeviral.auth.token;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** The JSON Web Key (RFC 7517, 7518 section 6) of an RSA or P-256 public key, with its algorithm. */
final class Jwk {

    private static final int P256_COORDINATE_BYTES = 32;

    private Jwk() {
    }

    static String of(String kid, TokenAlgorithm algorithm, PublicKey key) {
        JsonObject jwk = switch (key) {
            case RSAPublicKey rsa -> new JsonObject().put("kty", "RSA")
                    .put("n", base64Url(unsigned(rsa.getModulus()))).put("e", base64Url(unsigned(rsa.getPublicExponent())));
            case ECPublicKey ec -> new JsonObject().put("kty", "EC").put("crv", "P-256")
                    .put("x", base64Url(coordinate(ec.getW().getAffineX())))
                    .put("y", base64Url(coordinate(ec.getW().getAffineY())));
            default -> throw new IllegalArgumentException("Not a signing key type: " + key.getAlgorithm());
        };
        // alg pins each key to one algorithm: verifiers use an EC key for ES256 only, an RSA key for RS256 only.
        return jwk.put("use", "sig").put("alg", algorithm.name()).put("kid", kid).encode();
    }

    // JWK integers are unsigned big-endian: drop the sign byte BigInteger adds.
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    // RFC 7518 6.2.1.2: an EC coordinate is the full octet length of the curve, leading zeros kept.
    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = unsigned(value);
        byte[] full = new byte[P256_COORDINATE_BYTES];
        System.arraycopy(bytes, 0, full, P256_COORDINATE_BYTES - bytes.length, bytes.length);
        return full;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
