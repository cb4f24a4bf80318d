-- Access-token signing keys and refresh-token generations.

-- The newest key not rotated out signs; the JWKS serves every key not yet retired, so tokens
-- signed by the previous key verify until they expire.
CREATE TABLE signing_keys (
    kid            TEXT   PRIMARY KEY,
    algorithm      TEXT   NOT NULL CHECK (algorithm = 'RS256'),
    public_jwk     TEXT   NOT NULL,
    -- PKCS#8, base64. Like Keycloak's realm keys, protected by the database file's permissions.
    private_key    TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    rotated_out_at BIGINT,
    retired_at     BIGINT
);

-- Every refresh token ever issued to a session, by hash. A session (one login) is one token
-- family; generation increases with each rotation. A presented token whose generation is not the
-- session's current one is a reuse, unless it is the one just rotated and within the grace window.
CREATE TABLE refresh_tokens (
    token_hash TEXT    PRIMARY KEY,
    session_id TEXT    NOT NULL REFERENCES sessions (id),
    generation INTEGER NOT NULL,
    issued_at  BIGINT  NOT NULL,
    rotated_at BIGINT,
    grace_uses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_refresh_tokens_session ON refresh_tokens (session_id, generation);

-- The plan the next access token carries; billing.events keep it current.
ALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT 'free';
