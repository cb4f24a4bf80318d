import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * What the content bench needs from auth-service, with the JDK alone: a fresh RS256 key, its JWKS
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
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        String kid = "bench-" + UUID.randomUUID();
        Files.writeString(Path.of(args[0]), "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid
                + "\",\"n\":\"" + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}");
        long now = System.currentTimeMillis() / 1000;
        String header = b64(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"mustbeviral-api\",\"sub\":\"" + UUID.randomUUID()
                    + "\",\"role\":\"creator\",\"plan\":\"free\",\"sid\":\"" + UUID.randomUUID() + "\",\"jti\":\""
                    + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 3 * 3600) + "}";
            String signingInput = header + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            System.out.println(signingInput + "." + b64(rs256.sign()));
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** JWK integers are unsigned big-endian: drop the sign byte BigInteger may add. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
