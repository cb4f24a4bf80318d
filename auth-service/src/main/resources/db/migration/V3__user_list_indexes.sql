-- The admin user list: live accounts newest first, keyset-paginated on (created_at, id), optionally
-- by role. Partial indexes: deleted accounts are never listed, so they need no entries.
-- A prefix search by username or email uses ux_users_username / ux_users_email (range scans).
CREATE INDEX idx_users_live_created ON users (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_live_role_created ON users (role, created_at DESC, id DESC) WHERE deleted_at IS NULL;
