-- Media (issue 15): what an upload was found to be (from its bytes), its image size, its variants
-- (made off the request path from media_jobs), and the objects of deleted media still to remove
-- from the store (media_garbage, filled by a trigger so any delete of a row schedules its objects).

ALTER TABLE media_assets ADD COLUMN kind TEXT NOT NULL DEFAULT 'image' CHECK (kind IN ('image', 'video'));
ALTER TABLE media_assets ADD COLUMN width INTEGER;
ALTER TABLE media_assets ADD COLUMN height INTEGER;

CREATE TABLE media_variants (
    media_id    TEXT    NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL CHECK (name IN ('thumbnail', 'web')),
    storage_key TEXT    NOT NULL UNIQUE,
    media_type  TEXT    NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    size_bytes  BIGINT  NOT NULL,
    sha256      TEXT    NOT NULL,
    PRIMARY KEY (media_id, name)
);

CREATE TABLE media_jobs (
    media_id TEXT    PRIMARY KEY REFERENCES media_assets (id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE media_garbage (
    storage_key TEXT PRIMARY KEY
);

CREATE TRIGGER media_garbage_on_asset_delete AFTER DELETE ON media_assets BEGIN
    INSERT OR IGNORE INTO media_garbage (storage_key) VALUES (old.storage_key);
END;

CREATE TRIGGER media_garbage_on_variant_delete AFTER DELETE ON media_variants BEGIN
    INSERT OR IGNORE INTO media_garbage (storage_key) VALUES (old.storage_key);
END;

-- A deleted piece's media goes with it (soft delete included: the author withdrew it).
CREATE TRIGGER media_with_deleted_content AFTER UPDATE OF deleted_at ON content
    WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
    DELETE FROM media_assets WHERE content_id = new.id;
END;

-- A piece's media_ids attach its author's media to it (so that deleting the piece removes them).
CREATE TRIGGER media_attach_on_insert AFTER INSERT ON content BEGIN
    UPDATE media_assets SET content_id = new.id
     WHERE owner_id = new.author_id AND id IN (SELECT value FROM json_each(new.media_ids));
END;

CREATE TRIGGER media_attach_on_update AFTER UPDATE OF media_ids ON content
    WHEN old.media_ids IS NOT new.media_ids BEGIN
    UPDATE media_assets SET content_id = new.id
     WHERE owner_id = new.author_id AND id IN (SELECT value FROM json_each(new.media_ids));
END;
