-- Social login (Google, GitHub, X/Twitter): oauth_accounts from V1, plus:
-- at most one linked account per provider and user (unlinking names the provider; a second
-- account of the same provider would make that ambiguous). The unique index also serves lookups by
-- user, so the plain one from V1 goes.
CREATE UNIQUE INDEX ux_oauth_accounts_user_provider ON oauth_accounts (user_id, provider);
DROP INDEX idx_oauth_accounts_user;

-- The provider's handle (GitHub login, X username), shown in the list of linked accounts.
ALTER TABLE oauth_accounts ADD COLUMN provider_username TEXT;
