-- Search (issue 15): the keyword index and the queue of the vector index, both kept in step with
-- content by triggers, so that they change in the transaction of the content change whatever code
-- writes it.

-- FTS5 needs an integer rowid that never changes; content's rowid may change on VACUUM (its key is
-- text), so each piece gets a stable document number here.
CREATE TABLE search_documents (
    doc        INTEGER PRIMARY KEY,
    content_id TEXT    NOT NULL UNIQUE
);

-- Porter stems on top of unicode61, which folds case and diacritics (remove_diacritics 2 also
-- folds letters that carry several marks); prefix indexes make "viral*" cheap.
DROP TABLE content_fts;
CREATE VIRTUAL TABLE content_fts USING fts5 (
    title, body,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO search_documents (content_id) SELECT id FROM content;
INSERT INTO content_fts (rowid, title, body)
    SELECT d.doc, c.title, c.body FROM content c JOIN search_documents d ON d.content_id = c.id;

CREATE TRIGGER content_fts_on_insert AFTER INSERT ON content BEGIN
    INSERT INTO search_documents (content_id) VALUES (new.id);
    INSERT INTO content_fts (rowid, title, body)
        VALUES ((SELECT doc FROM search_documents WHERE content_id = new.id), new.title, new.body);
END;

CREATE TRIGGER content_fts_on_text_change AFTER UPDATE OF title, body ON content
    WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    DELETE FROM content_fts WHERE rowid = (SELECT doc FROM search_documents WHERE content_id = new.id);
    INSERT INTO content_fts (rowid, title, body)
        VALUES ((SELECT doc FROM search_documents WHERE content_id = new.id), new.title, new.body);
END;

CREATE TRIGGER content_fts_on_delete AFTER DELETE ON content BEGIN
    DELETE FROM content_fts WHERE rowid = (SELECT doc FROM search_documents WHERE content_id = old.id);
    DELETE FROM search_documents WHERE content_id = old.id;
END;

-- The durable queue of the vector index: a piece whose text or visibility changed waits here (in
-- the transaction of the change) until the embedding worker has embedded it (when its text
-- changed) and brought the nearest-neighbour index up to date. A re-queued piece gets a new job
-- number, so the worker's delete of the job it took never drops a later change.
CREATE TABLE vector_jobs (
    job        INTEGER PRIMARY KEY AUTOINCREMENT,
    content_id TEXT    NOT NULL UNIQUE,
    attempts   INTEGER NOT NULL DEFAULT 0
);

INSERT INTO vector_jobs (content_id) SELECT id FROM content;

CREATE TRIGGER vector_jobs_on_insert AFTER INSERT ON content BEGIN
    INSERT OR REPLACE INTO vector_jobs (content_id) VALUES (new.id);
END;

CREATE TRIGGER vector_jobs_on_change AFTER UPDATE ON content
    WHEN old.title IS NOT new.title OR old.body IS NOT new.body OR old.status IS NOT new.status
      OR old.visibility IS NOT new.visibility OR old.type IS NOT new.type OR old.deleted_at IS NOT new.deleted_at
      OR old.published_at IS NOT new.published_at BEGIN
    INSERT OR REPLACE INTO vector_jobs (content_id) VALUES (new.id);
END;

CREATE TRIGGER vector_jobs_on_delete AFTER DELETE ON content BEGIN
    INSERT OR REPLACE INTO vector_jobs (content_id) VALUES (old.id);
END;

-- The embedding remembers the text it was computed from, so a status change never recomputes it.
ALTER TABLE embeddings ADD COLUMN text_sha256 TEXT;
