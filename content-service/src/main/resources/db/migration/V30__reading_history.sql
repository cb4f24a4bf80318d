-- What each signed-in reader engaged with (reader.engaged on analytics.engagement): where their
-- recommendations start from, and what they leave out. One row per reader and piece, written by an
-- upsert that is idempotent by construction (kinds OR-ed together, the first and last time kept), so
-- a redelivered event changes nothing and needs no claim. Removed with the account (user.deleted).
CREATE TABLE reading_history (
    user_id     TEXT    NOT NULL,
    content_id  TEXT    NOT NULL,
    -- One bit per event type seen (ReadingHistory.KINDS): view 1, click 2, share 4, like 8, comment 16,
    -- conversion 32, signup 64, purchase 128, custom 256, any other 512.
    kinds       INTEGER NOT NULL CHECK (kinds > 0),
    first_at    BIGINT  NOT NULL,
    last_at     BIGINT  NOT NULL,
    PRIMARY KEY (user_id, content_id)
) WITHOUT ROWID;
CREATE INDEX idx_reading_history_recent ON reading_history (user_id, last_at);
