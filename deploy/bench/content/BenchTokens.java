import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * What the content bench needs from auth-service, with the JDK alone: a fresh ES256 (P-256) key, as
 * auth-service signs access tokens by default, its JWKS
 * (written to the file named by the first argument; content-service reads it through
 * MP_JWT_VERIFY_PUBLICKEY_LOCATION) and COUNT access tokens signed with it, one per line, each for
 * a user of its own (fresh sub and sid), role creator, plan free, valid for three hours; the claims
 * are auth-service's (see test-support's TestTokens).
 *
 *   java BenchTokens.java /tmp/jwks.json COUNT [issuer]
 */
public class BenchTokens {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        String issuer = args.length > 2 ? args[2] : "http://localhost:8080";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        String kid = "bench-" + UUID.randomUUID();
        Files.writeString(Path.of(args[0]), "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\""
                + kid + "\",\"x\":\"" + b64(coordinate(pub.getW().getAffineX())) + "\",\"y\":\""
                + b64(coordinate(pub.getW().getAffineY())) + "\"}]}");
        long now = System.currentTimeMillis() / 1000;
        String header = b64(("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"mustbeviral-api\",\"sub\":\"" + UUID.randomUUID()
                    + "\",\"role\":\"creator\",\"plan\":\"free\",\"sid\":\"" + UUID.randomUUID() + "\",\"jti\":\""
                    + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 3 * 3600) + "}";
            String signingInput = header + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
            // JWS wants ECDSA signatures as R || S (P1363), not DER.
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(key.getPrivate());
            es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            System.out.println(signingInput + "." + b64(es256.sign()));
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An EC coordinate in JWK is the curve's full 32 bytes, unsigned, leading zeros kept (RFC 7518 6.2.1.2). */
    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        bytes = bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        byte[] full = new byte[32];
        System.arraycopy(bytes, 0, full, 32 - bytes.length, bytes.length);
        return full;
    }
}
