-- A content's visibility, from content.published: trending lists public content only (private or
-- unlisted content must not be revealed to other readers). Rows from before this migration never said,
-- so they count as private until their content is published again.
ALTER TABLE content_stats ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private';
