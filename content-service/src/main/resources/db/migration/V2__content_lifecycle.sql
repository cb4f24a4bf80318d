-- The content lifecycle (issue 14): the seed's type and visibility, the remaining SEO fields, JSON
-- metadata and media references, what a moderator approved, and the revision history.

ALTER TABLE content ADD COLUMN type TEXT NOT NULL DEFAULT 'blog_post'
    CHECK (type IN ('blog_post', 'social_post', 'video_script'));
ALTER TABLE content ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private'
    CHECK (visibility IN ('public', 'private', 'unlisted'));
ALTER TABLE content ADD COLUMN canonical_url TEXT;
ALTER TABLE content ADD COLUMN social_image TEXT;
-- JSON object of the author's own fields; JSON array of media asset ids (format image or video).
ALTER TABLE content ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE content ADD COLUMN media_ids TEXT NOT NULL DEFAULT '[]';
-- The ethics check's thresholds per category at the time of the check (JSON), next to its flags.
ALTER TABLE content ADD COLUMN ethics_thresholds TEXT;
-- SHA-256 of the title and body a moderator approved: the same text is never flagged again.
ALTER TABLE content ADD COLUMN approved_digest TEXT;
-- The version a moderator sees in the queue: the one that was flagged (its revision holds the text).
ALTER TABLE content ADD COLUMN flagged_version INTEGER;

-- Slugs are unique per author (personal workspace) among content that is not deleted: a deleted
-- piece gives its slug back.
DROP INDEX ux_content_slug;
CREATE UNIQUE INDEX ux_content_slug ON content (workspace_id, slug) WHERE slug IS NOT NULL AND deleted_at IS NULL;
-- The public feed: published public content, newest first, keyset on (published_at, id).
DROP INDEX idx_content_published;
CREATE INDEX idx_content_feed ON content (published_at DESC, id DESC)
    WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL;
CREATE INDEX idx_content_queue ON content (updated_at, id) WHERE status = 'pending_review' AND deleted_at IS NULL;

-- Every saved version of a piece: who saved it, when, which fields changed, and the whole editable
-- state (JSON) so that any revision can be shown or restored.
CREATE TABLE content_revisions (
    content_id     TEXT    NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL,
    editor_id      TEXT    NOT NULL,
    changed_fields TEXT    NOT NULL,
    snapshot       TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    PRIMARY KEY (content_id, version)
);

-- A decision is about the version the moderator saw.
ALTER TABLE review_decisions ADD COLUMN content_version INTEGER;
