-- Issue 15: "Tell me when it's back". Fans of a sold-out or ended drop
-- leave an address; when the artist opens a new wave, each gets one mail
-- (written in the same transaction) and the list is emptied.
CREATE TABLE restock_waitlist (
    id TEXT PRIMARY KEY,
    drop_id TEXT NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (drop_id, email)
);
