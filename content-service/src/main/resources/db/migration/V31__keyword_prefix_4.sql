-- Keyword search (issue 15): a prefix index of four characters beside two and three. A prefix with no
-- index of its length is answered by merging the position lists of every word it begins, for the ranking
-- and again for the snippets: over 100,000 pieces, "expo*" (export, exposure; ~15,000 pieces) took 19 ms
-- of SQLite alone against 11.6 ms with this index, where the index grew by 1.3 % (deploy/bench/README.md,
-- session 15). Four letters is where a prefix still begins several common words; from five on it rarely
-- does, and the merge is cheap. The table is made again (FTS5 cannot add a prefix index in place); the
-- triggers of V20 name it and keep it in step as before.
DROP TABLE content_fts;
CREATE VIRTUAL TABLE content_fts USING fts5 (
    title, body,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

INSERT INTO content_fts (rowid, title, body)
    SELECT d.doc, c.title, c.body FROM content c JOIN search_documents d ON d.content_id = c.id;
