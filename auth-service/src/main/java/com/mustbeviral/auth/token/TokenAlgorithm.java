package com.mustbeviral.auth.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The algorithms the issuer signs with, each with keys of its own kind. ES256 (ECDSA on P-256) signs
 * access tokens by default: a signature costs a fourteenth of an RSA-2048 one. RS256 stays for ID
 * tokens (OpenID Connect requires it) and for fleets configured back to it.
 */
public enum TokenAlgorithm {
    RS256("RSA"),
    ES256("EC");

    private final String keyType;

    TokenAlgorithm(String keyType) {
        this.keyType = keyType;
    }

    KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
        if (this == ES256) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** For smallrye-jwt-build's {@code jws().algorithm(...)}. */
    public SignatureAlgorithm jws() {
        return SignatureAlgorithm.valueOf(name());
    }
}
