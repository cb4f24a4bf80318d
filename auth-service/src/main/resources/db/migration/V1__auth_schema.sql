-- auth-service owns accounts, sessions, social logins, partner OAuth clients and consents.
-- Ids are UUID strings; times are epoch milliseconds (BIGINT): portable, compact, sortable.
-- The outbox and processed_events tables are the platform's (location db/platform, versions 0.x).

CREATE TABLE users (
    id                   TEXT    PRIMARY KEY,
    email                TEXT    NOT NULL,
    -- Lower-cased copies: email and username are unique regardless of case.
    email_normalized     TEXT    NOT NULL,
    username             TEXT    NOT NULL,
    username_normalized  TEXT    NOT NULL,
    password_hash        TEXT,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('creator', 'influencer', 'admin')),
    metadata             TEXT    NOT NULL DEFAULT '{}',
    onboarding_completed BOOLEAN NOT NULL DEFAULT FALSE,
    email_verified       BOOLEAN NOT NULL DEFAULT FALSE,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    deleted_at           BIGINT
);
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized);
CREATE UNIQUE INDEX ux_users_username ON users (username_normalized);
CREATE INDEX idx_users_role ON users (role);
CREATE INDEX idx_users_created_at ON users (created_at DESC);

-- One row per login on a device. The refresh token is stored only as a hash; rotation keeps the
-- family and bumps the generation, so reuse of an old generation is detectable.
CREATE TABLE sessions (
    id                 TEXT    PRIMARY KEY,
    user_id            TEXT    NOT NULL REFERENCES users (id),
    refresh_token_hash TEXT    NOT NULL,
    token_family       TEXT    NOT NULL,
    generation         INTEGER NOT NULL DEFAULT 0,
    ip_address         TEXT,
    user_agent         TEXT,
    device_type        TEXT,
    created_at         BIGINT  NOT NULL,
    last_activity_at   BIGINT  NOT NULL,
    expires_at         BIGINT  NOT NULL,
    revoked_at         BIGINT,
    revoked_reason     TEXT
);
CREATE UNIQUE INDEX ux_sessions_refresh_token ON sessions (refresh_token_hash);
CREATE INDEX idx_sessions_user_active ON sessions (user_id, last_activity_at DESC) WHERE revoked_at IS NULL;
CREATE INDEX idx_sessions_family ON sessions (token_family);

-- Social accounts (google, github, twitter) linked to a user.
CREATE TABLE oauth_accounts (
    provider         TEXT    NOT NULL CHECK (provider IN ('google', 'github', 'twitter')),
    provider_user_id TEXT    NOT NULL,
    user_id          TEXT    NOT NULL REFERENCES users (id),
    email            TEXT,
    email_verified   BOOLEAN NOT NULL DEFAULT FALSE,
    linked_at        BIGINT  NOT NULL,
    PRIMARY KEY (provider, provider_user_id)
);
CREATE INDEX idx_oauth_accounts_user ON oauth_accounts (user_id);

-- Partner applications of the OAuth2/OIDC provider. Lists are space-separated, as in OAuth.
CREATE TABLE oauth_clients (
    client_id          TEXT    PRIMARY KEY,
    client_secret_hash TEXT,
    name               TEXT    NOT NULL,
    redirect_uris      TEXT    NOT NULL DEFAULT '',
    allowed_scopes     TEXT    NOT NULL DEFAULT '',
    grant_types        TEXT    NOT NULL DEFAULT '',
    owner_user_id      TEXT    REFERENCES users (id),
    created_at         BIGINT  NOT NULL,
    disabled_at        BIGINT
);

CREATE TABLE authorization_codes (
    code_hash             TEXT   PRIMARY KEY,
    client_id             TEXT   NOT NULL REFERENCES oauth_clients (client_id),
    user_id               TEXT   NOT NULL REFERENCES users (id),
    redirect_uri          TEXT   NOT NULL,
    scopes                TEXT   NOT NULL,
    code_challenge        TEXT   NOT NULL,
    code_challenge_method TEXT   NOT NULL CHECK (code_challenge_method = 'S256'),
    nonce                 TEXT,
    created_at            BIGINT NOT NULL,
    expires_at            BIGINT NOT NULL,
    used_at               BIGINT
);
CREATE INDEX idx_authorization_codes_expiry ON authorization_codes (expires_at);

-- Current consent per purpose; every change is also kept in consent_history.
CREATE TABLE consents (
    user_id    TEXT    NOT NULL REFERENCES users (id),
    purpose    TEXT    NOT NULL CHECK (purpose IN ('analytics', 'marketing', 'ai_training')),
    granted    BOOLEAN NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, purpose)
);

CREATE TABLE consent_history (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id),
    purpose    TEXT    NOT NULL,
    granted    BOOLEAN NOT NULL,
    changed_at BIGINT  NOT NULL,
    source     TEXT
);
CREATE INDEX idx_consent_history_user ON consent_history (user_id, changed_at DESC);

