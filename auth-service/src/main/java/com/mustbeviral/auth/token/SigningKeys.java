package com.mustbeviral.auth.token;

import com.mustbeviral.auth.config.AuthConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The issuer's signing keys, one signer per {@link TokenAlgorithm}: ES256 (access tokens by default)
 * and RS256 (ID tokens, which OpenID Connect requires to be available, and access tokens when
 * configured back to it). The JWKS serves both signers and the keys rotated out recently, so tokens
 * they signed verify until they expire. Rotation makes a new key the signer of its algorithm.
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
    private volatile Map<TokenAlgorithm, SigningKey> signers = Map.of();

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
     * Re-encrypts private keys sealed under an older key-encryption key, gives each algorithm a
     * signer, rotates a signer past its period and retires keys no valid token depends on.
     */
    @Scheduled(every = "1h", delayed = "1h")
    @Transactional(rollbackOn = Exception.class)
    void maintain() throws Exception {
        resealUnderCurrentKek();
        reload();
        Instant now = clock.instant();
        for (TokenAlgorithm algorithm : TokenAlgorithm.values()) {
            SigningKey signer = signers.get(algorithm);
            if (signer == null || signer.createdAt().plus(config.tokens().keyRotationPeriod()).isBefore(now)) {
                rotate(algorithm);
            }
        }
        repository.retireRotatedOutBefore(now.minus(config.tokens().accessTtl()).minus(RETIRE_MARGIN), now);
        reload();
    }

    /** Makes a new key the signer of {@code algorithm}; the previous one stays published. */
    @Transactional(rollbackOn = Exception.class)
    public SigningKey rotate(TokenAlgorithm algorithm) throws Exception {
        KeyPair pair = algorithm.generate();
        String kid = UUID.randomUUID().toString();
        Instant now = clock.instant();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String sealed = cipher.seal(pkcs8, kid);
        Arrays.fill(pkcs8, (byte) 0);
        repository.insert(new SigningKeyRepository.Row(algorithm, kid, Jwk.of(kid, algorithm, pair.getPublic()), sealed, now));
        repository.rotateOutAllBut(algorithm, kid, now);
        reload();
        return signer(algorithm);
    }

    /** The key that signs new access tokens: of the configured algorithm ({@code auth.tokens.signing-algorithm}). */
    public SigningKey signer() {
        return signer(config.tokens().signingAlgorithm());
    }

    /** The key that signs new tokens of {@code algorithm}. */
    public SigningKey signer(TokenAlgorithm algorithm) {
        return signers.get(algorithm);
    }

    /** Every published key, the signers first. */
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
        List<SigningKey> keys = new ArrayList<>();
        Map<TokenAlgorithm, SigningKey> newest = new EnumMap<>(TokenAlgorithm.class);
        for (SigningKeyRepository.Row row : repository.published()) {
            byte[] pkcs8 = cipher.open(row.sealedPrivateKey(), row.kid());
            try {
                SigningKey key = new SigningKey(row.algorithm(), row.kid(), row.publicJwk(),
                        row.algorithm().privateKey(pkcs8), row.createdAt());
                keys.add(key);
                newest.putIfAbsent(key.algorithm(), key); // rows come signers first, newest first
            } finally {
                Arrays.fill(pkcs8, (byte) 0); // no stray copy of the key on the heap
            }
        }
        published = List.copyOf(keys);
        signers = Map.copyOf(newest);
    }
}
