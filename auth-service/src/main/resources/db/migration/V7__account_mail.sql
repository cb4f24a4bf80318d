-- Accounts that users expect: email verification, password reset, forced password change, and the
-- mail that carries their links.

-- The bootstrap admin must choose its own password before anything else (login refuses otherwise).
ALTER TABLE users ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE;

-- Single-use links sent by mail: only the SHA-256 of the token is kept. One live token per user and
-- purpose: issuing a new one (a resend) replaces the previous one.
CREATE TABLE account_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id),
    purpose    TEXT   NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX idx_account_tokens_user ON account_tokens (user_id, purpose);

-- Mail to send, written in the transaction that asks for it: a rollback sends nothing and a crash
-- loses nothing. It holds no address and no link (both are made when the mail is sent, from the
-- user's row and a fresh token), so nothing secret or personal waits here in clear. A password-reset
-- request names the address only by its blind index (users.email_index's keyed hash), whether or not
-- an account has it: the request does the same work either way, and the sender finds the account.
CREATE TABLE mail_queue (
    id              INTEGER PRIMARY KEY,
    user_id         TEXT    REFERENCES users (id),
    email_index     TEXT,
    kind            TEXT    NOT NULL CHECK (kind IN ('verify_email', 'reset_password')),
    created_at      BIGINT  NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_at         BIGINT,
    failed_at       BIGINT,
    CHECK (user_id IS NOT NULL OR email_index IS NOT NULL)
);
CREATE INDEX idx_mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX idx_mail_queue_user ON mail_queue (user_id, kind, created_at);
CREATE INDEX idx_mail_queue_address ON mail_queue (email_index, kind, created_at);
CREATE INDEX idx_mail_queue_created ON mail_queue (created_at);
