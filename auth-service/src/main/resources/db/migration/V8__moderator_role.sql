-- moderator becomes a role an admin can give (content-service's moderation queue and decisions).
-- SQLite cannot alter a CHECK constraint, and rebuilding users is not safe here: ten tables refer
-- to it and foreign keys are on (a DROP would cascade into sessions, consents...). Widening the
-- check changes no stored row, so this edits the table's definition in place, SQLite's documented
-- procedure for such changes (https://www.sqlite.org/lang_altertable.html#otheralter): rewrite the
-- CREATE TABLE text, reload the schema, then a DDL statement bumps the schema cookie so that every
-- other open connection reloads it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (role IN (''creator'', ''influencer'', ''admin''))',
                          'CHECK (role IN (''creator'', ''influencer'', ''admin'', ''moderator''))')
 WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
CREATE TABLE moderator_role_schema_bump (x INTEGER);
DROP TABLE moderator_role_schema_bump;
