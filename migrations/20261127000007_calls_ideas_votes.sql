-- Fans write the slogan together (issue 10): an artist's open call, the
-- ideas fans send, and one vote per fan per idea. `ideas.votes` is kept in
-- the same transaction as the vote rows it counts (and can be recomputed
-- from them); `normalized` merges the same idea typed twice.
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    slug TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    artist_name TEXT NOT NULL,
    -- A look key, or 'auto': each idea picks its own look.
    theme TEXT NOT NULL,
    colour TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    ends_at BIGINT NOT NULL,
    ended_at BIGINT,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE INDEX calls_by_account ON calls (account_id, created_at);

CREATE TABLE ideas (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES calls (id),
    text TEXT NOT NULL,
    normalized TEXT NOT NULL,
    credit TEXT NOT NULL DEFAULT '',
    client TEXT NOT NULL DEFAULT '',
    votes BIGINT NOT NULL DEFAULT 0,
    hidden BIGINT NOT NULL DEFAULT 0,
    pinned BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (call_id, normalized),
    CHECK (votes >= 0)
);

CREATE INDEX ideas_by_call ON ideas (call_id, votes, created_at);

CREATE TABLE votes (
    idea_id TEXT NOT NULL REFERENCES ideas (id),
    fan TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (idea_id, fan)
);
