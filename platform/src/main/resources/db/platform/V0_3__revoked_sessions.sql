-- Shared by every service that verifies access tokens (platform module): sessions auth-service
-- revoked (session.revoked on auth.sessions), whose tokens are refused until tokens_expire_by
-- (epoch millis), after which none of them is valid anyway.
CREATE TABLE revoked_sessions (
    session_id       TEXT PRIMARY KEY,
    tokens_expire_by BIGINT NOT NULL
);
