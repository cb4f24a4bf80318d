-- The OAuth2/OIDC provider for partners: pending authorization requests, grants (a user's consent
-- to one client, with its rotating refresh tokens) and what an authorization code issued.

-- The admin who registered a client (owner_user_id is the partner's own account, if any).
ALTER TABLE oauth_clients ADD COLUMN registered_by TEXT REFERENCES users (id);
CREATE INDEX idx_oauth_clients_created_at ON oauth_clients (created_at, client_id);

-- An authorization request between the consent page and the user's decision. The form carries
-- the request id (stored hashed): it is the CSRF token, bound to this request and, through
-- browser_hash, to the browser that opened the page.
CREATE TABLE oauth_authorization_requests (
    id_hash        TEXT   PRIMARY KEY,
    browser_hash   TEXT   NOT NULL,
    client_id      TEXT   NOT NULL REFERENCES oauth_clients (client_id),
    redirect_uri   TEXT   NOT NULL,
    scopes         TEXT   NOT NULL,
    state          TEXT,
    nonce          TEXT,
    code_challenge TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    decided_at     BIGINT
);
CREATE INDEX idx_oauth_authorization_requests_expiry ON oauth_authorization_requests (expires_at);

-- A user's consent to one client for some scopes, issued by redeeming one authorization code.
-- Its id is the sid of its access tokens: revoking it publishes session.revoked like a login's.
CREATE TABLE oauth_grants (
    id             TEXT    PRIMARY KEY,
    client_id      TEXT    NOT NULL REFERENCES oauth_clients (client_id),
    user_id        TEXT    NOT NULL REFERENCES users (id),
    scopes         TEXT    NOT NULL,
    generation     INTEGER NOT NULL DEFAULT 0,
    created_at     BIGINT  NOT NULL,
    last_used_at   BIGINT  NOT NULL,
    expires_at     BIGINT  NOT NULL,
    revoked_at     BIGINT,
    revoked_reason TEXT
);
CREATE INDEX idx_oauth_grants_user ON oauth_grants (user_id) WHERE revoked_at IS NULL;
CREATE INDEX idx_oauth_grants_client ON oauth_grants (client_id);

-- Every refresh token of a grant, by hash, as refresh_tokens does for logins: a presented token
-- whose generation is not the grant's current one is a reuse, unless just rotated and in grace.
CREATE TABLE oauth_refresh_tokens (
    token_hash TEXT    PRIMARY KEY,
    grant_id   TEXT    NOT NULL REFERENCES oauth_grants (id),
    generation INTEGER NOT NULL,
    issued_at  BIGINT  NOT NULL,
    rotated_at BIGINT,
    grace_uses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_oauth_refresh_tokens_grant ON oauth_refresh_tokens (grant_id, generation);

-- When the user authenticated (the id_token's auth_time) and the grant a redeemed code created:
-- a second redemption revokes it.
ALTER TABLE authorization_codes ADD COLUMN auth_time BIGINT;
ALTER TABLE authorization_codes ADD COLUMN grant_id TEXT REFERENCES oauth_grants (id);
