-- Which share link sold (issue 11): each visitor of a drop is counted once,
-- with the source of the link they first came by (`?ref=x`, `qr`, …, or
-- 'direct'); each order keeps the source it was bought from.
CREATE TABLE visits (
    drop_id TEXT NOT NULL REFERENCES drops (id),
    -- A random id in the visitor's first-party cookie, hashed.
    visitor TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (drop_id, visitor)
);
ALTER TABLE orders ADD COLUMN source TEXT NOT NULL DEFAULT '';
