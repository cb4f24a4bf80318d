package com.mustbeviral.auth.token;

import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The issuer's RS256 keys. One signs; the JWKS also serves the keys rotated out recently, so
 * tokens they signed verify until they expire. Rotation makes a new key the signer.
 */
@ApplicationScoped
public class SigningKeys {

    // A rotated-out key leaves the JWKS once no token it signed can still be valid, plus clock skew.
    private static final Duration RETIRE_MARGIN = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;
    private final SigningKeyCipher cipher;
    private final AuthConfig config;
    private final Clock clock;
    private volatile List<SigningKey> published = List.of();

    SigningKeys(SigningKeyRepository repository, SigningKeyCipher cipher, AuthConfig config, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        maintain();
    }

    /**
     * Re-encrypts private keys sealed under an older key-encryption key, rotates a key past its
     * period and retires keys no valid token depends on.
     */
    @Scheduled(every = "1h", delayed = "1h")
    @Transactional(rollbackOn = Exception.class)
    void maintain() throws Exception {
        resealUnderCurrentKek();
        reload();
        Instant now = clock.instant();
        if (published.isEmpty() || published.get(0).createdAt().plus(config.tokens().keyRotationPeriod()).isBefore(now)) {
            rotate();
        }
        repository.retireRotatedOutBefore(now.minus(config.tokens().accessTtl()).minus(RETIRE_MARGIN), now);
        reload();
    }

    /** Makes a new key the signer; the previous one stays published. */
    @Transactional(rollbackOn = Exception.class)
    public SigningKey rotate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String kid = UUID.randomUUID().toString();
        Instant now = clock.instant();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String sealed = cipher.seal(pkcs8, kid);
        Arrays.fill(pkcs8, (byte) 0);
        repository.insert(new SigningKeyRepository.Row(kid, Jwk.of(kid, (RSAPublicKey) pair.getPublic()), sealed, now));
        repository.rotateOutAllBut(kid, now);
        reload();
        return published.get(0);
    }

    /** The key that signs new tokens. */
    public SigningKey signer() {
        return published.get(0);
    }

    /** Every published key, the signer first. */
    public List<SigningKey> published() {
        return published;
    }

    /**
     * After a rotation of the key-encryption key (a restart with a new AUTH_KEK_CURRENT_KEY), seals
     * every private key, retired ones too, under the current one, so that the old one can go.
     * Returns how many. A key that does not open stops the start: the service cannot sign without it.
     */
    @Transactional(rollbackOn = Exception.class)
    public int resealUnderCurrentKek() throws SQLException {
        int done = 0;
        for (SigningKeyRepository.Sealed old : repository.sealedOtherwiseThan(cipher.currentKeyPrefix())) {
            byte[] pkcs8 = cipher.open(old.sealedPrivateKey(), old.kid());
            try {
                if (repository.reseal(old, cipher.seal(pkcs8, old.kid()))) {
                    done++;
                }
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
        if (done > 0) {
            LOG.infof("Re-encrypted %d signing keys under the current key-encryption key", done);
        }
        return done;
    }

    private void reload() throws SQLException, GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        List<SigningKey> keys = new java.util.ArrayList<>();
        for (SigningKeyRepository.Row row : repository.published()) {
            byte[] pkcs8 = cipher.open(row.sealedPrivateKey(), row.kid());
            try {
                keys.add(new SigningKey(row.kid(), row.publicJwk(),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)), row.createdAt()));
            } finally {
                Arrays.fill(pkcs8, (byte) 0); // no stray copy of the key on the heap
            }
        }
        published = List.copyOf(keys);
    }
}
