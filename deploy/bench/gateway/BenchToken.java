import java.io.BufferedWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Makes what the gateway benchmark needs from auth-service, with the JDK alone: a fresh key of the
 * algorithm auth-service signs access tokens with (BENCH_TOKEN_ALG: ES256, its default, or RS256),
 * its JWKS (written to the file named by the first argument, for nginx to serve) and one access
 * token signed with it (printed), valid for two hours, plan "business", with a session id. With a
 * file and a count, it also writes that many more tokens there, one per line, each for another user
 * and session: the "fresh token per request" load, which the gateway's verified-token cache cannot help.
 *
 *   java BenchToken.java /tmp/jwks.json [issuer [tokens-file count]]
 */
public class BenchToken {

    public static void main(String[] args) throws Exception {
        String issuer = args.length > 1 ? args[1] : "http://localhost:8080";
        boolean ec = !"RS256".equals(System.getenv().getOrDefault("BENCH_TOKEN_ALG", "ES256"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
        if (ec) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair key = generator.generateKeyPair();
        String kid = "bench-" + UUID.randomUUID();
        String jwk;
        if (ec) {
            ECPublicKey pub = (ECPublicKey) key.getPublic();
            jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"x\":\""
                    + b64(coordinate(pub.getW().getAffineX())) + "\",\"y\":\"" + b64(coordinate(pub.getW().getAffineY())) + "\"}";
        } else {
            RSAPublicKey pub = (RSAPublicKey) key.getPublic();
            jwk = "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                    + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}";
        }
        Files.writeString(Path.of(args[0]), "{\"keys\":[" + jwk + "]}");

        // JWS wants ECDSA signatures as R || S (P1363), not DER.
        Signature signature = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
        String header = b64(("{\"alg\":\"" + (ec ? "ES256" : "RS256") + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        System.out.println(token(signature, key.getPrivate(), header, issuer, now));
        if (args.length > 3) {
            int count = Integer.parseInt(args[3]);
            try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]))) {
                for (int i = 0; i < count; i++) {
                    out.write(token(signature, key.getPrivate(), header, issuer, now));
                    out.newLine();
                }
            }
        }
    }

    private static String token(Signature signature, PrivateKey key, String header, String issuer, long now) throws Exception {
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"mustbeviral-api\",\"sub\":\"" + UUID.randomUUID()
                + "\",\"role\":\"creator\",\"plan\":\"business\",\"sid\":\"" + UUID.randomUUID() + "\",\"jti\":\""
                + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}";
        String signingInput = header + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signature.sign());
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** JWK integers are unsigned big-endian: drop the sign byte BigInteger may add. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** An EC coordinate in JWK is the curve's full 32 bytes, leading zeros kept (RFC 7518 6.2.1.2). */
    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = unsigned(value);
        byte[] full = new byte[32];
        System.arraycopy(bytes, 0, full, 32 - bytes.length, bytes.length);
        return full;
    }
}
