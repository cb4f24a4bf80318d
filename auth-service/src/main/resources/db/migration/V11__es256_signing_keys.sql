-- ES256 (ECDSA P-256) signing keys beside the RS256 ones: access tokens are signed ES256 by default
-- (auth.tokens.signing-algorithm), ID tokens stay RS256 unless a client registered otherwise, so
-- each algorithm has its own signer and its own rotation. No table refers to signing_keys, so it is
-- rebuilt with the wider CHECK (SQLite cannot alter one); the private keys stay sealed as they are.
CREATE TABLE signing_keys_v11 (
    kid            TEXT   PRIMARY KEY,
    algorithm      TEXT   NOT NULL CHECK (algorithm IN ('RS256', 'ES256')),
    public_jwk     TEXT   NOT NULL,
    -- Sealed by SigningKeyCipher (V10): PKCS#8 under the key-encryption key, bound to the kid.
    private_key    TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    rotated_out_at BIGINT,
    retired_at     BIGINT
);
INSERT INTO signing_keys_v11 (kid, algorithm, public_jwk, private_key, created_at, rotated_out_at, retired_at)
SELECT kid, algorithm, public_jwk, private_key, created_at, rotated_out_at, retired_at FROM signing_keys;
DROP TABLE signing_keys;
ALTER TABLE signing_keys_v11 RENAME TO signing_keys;

-- OpenID Connect Dynamic Client Registration's id_token_signed_response_alg: the algorithm of the
-- client's ID tokens. NULL: RS256, the default OpenID Connect requires every provider to offer.
ALTER TABLE oauth_clients ADD COLUMN id_token_signed_response_alg TEXT
    CHECK (id_token_signed_response_alg IN ('RS256', 'ES256'));
