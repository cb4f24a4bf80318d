-- content-service owns content and its lifecycle, tags, review decisions, embeddings, media and
-- the keyword index. Ids are UUID strings; times are epoch milliseconds (BIGINT).

CREATE TABLE content (
    id                TEXT    PRIMARY KEY,
    -- Every piece belongs to a workspace (a personal one per user until workspaces exist) and an author.
    workspace_id      TEXT    NOT NULL,
    author_id         TEXT    NOT NULL,
    format            TEXT    NOT NULL CHECK (format IN ('text', 'image', 'video')),
    title             TEXT    NOT NULL,
    body              TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'pending_review', 'scheduled', 'published', 'archived', 'rejected')),
    ai_generated      BOOLEAN NOT NULL DEFAULT FALSE,
    ai_metadata       TEXT,
    ethics_status     TEXT    CHECK (ethics_status IN ('passed', 'flagged', 'failed')),
    ethics_score      REAL,
    ethics_flags      TEXT,
    seo_title         TEXT,
    seo_description   TEXT,
    slug              TEXT,
    scheduled_at      BIGINT,
    published_at      BIGINT,
    -- Denormalized engagement, fed by analytics.engagement events.
    view_count        INTEGER NOT NULL DEFAULT 0,
    like_count        INTEGER NOT NULL DEFAULT 0,
    share_count       INTEGER NOT NULL DEFAULT 0,
    comment_count     INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    deleted_at        BIGINT
);
CREATE INDEX idx_content_author_created ON content (author_id, created_at DESC);
CREATE INDEX idx_content_workspace_status ON content (workspace_id, status, updated_at DESC);
CREATE INDEX idx_content_published ON content (published_at DESC) WHERE status = 'published';
-- The publish scheduler scans only what is due.
CREATE INDEX idx_content_due ON content (scheduled_at) WHERE status = 'scheduled';
CREATE UNIQUE INDEX ux_content_slug ON content (workspace_id, slug) WHERE slug IS NOT NULL;

CREATE TABLE tags (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    slug        TEXT    NOT NULL UNIQUE,
    usage_count INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX idx_tags_usage ON tags (usage_count DESC, slug);

CREATE TABLE content_tags (
    content_id TEXT   NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    tag_id     TEXT   NOT NULL REFERENCES tags (id),
    tagged_at  BIGINT NOT NULL,
    PRIMARY KEY (content_id, tag_id)
);
-- Trending tags: recent taggings per tag.
CREATE INDEX idx_content_tags_recent ON content_tags (tag_id, tagged_at DESC);

CREATE TABLE review_decisions (
    id          TEXT   PRIMARY KEY,
    content_id  TEXT   NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    reviewer_id TEXT   NOT NULL,
    decision    TEXT   NOT NULL CHECK (decision IN ('approved', 'rejected', 'changes_requested')),
    reason      TEXT,
    decided_at  BIGINT NOT NULL
);
CREATE INDEX idx_review_decisions_content ON review_decisions (content_id, decided_at DESC);

-- One vector per content version (384 floats, little-endian, from the in-process model).
CREATE TABLE embeddings (
    content_id TEXT    PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
    model      TEXT    NOT NULL,
    dimensions INTEGER NOT NULL,
    vector     BLOB    NOT NULL,
    updated_at BIGINT  NOT NULL
);

CREATE TABLE media_assets (
    id           TEXT    PRIMARY KEY,
    owner_id     TEXT    NOT NULL,
    content_id   TEXT    REFERENCES content (id) ON DELETE SET NULL,
    storage_key  TEXT    NOT NULL UNIQUE,
    media_type   TEXT    NOT NULL,
    size_bytes   BIGINT  NOT NULL CHECK (size_bytes >= 0),
    sha256       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX idx_media_owner ON media_assets (owner_id, created_at DESC);

-- Keyword index (SQLite FTS5). On PostgreSQL this becomes a tsvector column and a GIN index.
CREATE VIRTUAL TABLE content_fts USING fts5 (content_id UNINDEXED, title, body, tokenize = 'porter unicode61');

-- outbox and processed_events: the platform's shared migrations (db/platform).
