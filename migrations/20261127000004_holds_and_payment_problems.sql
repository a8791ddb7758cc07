-- Holds that cannot be hoarded, and payments that did not match their order.
-- Portable SQL (SQLite and PostgreSQL); timestamps are unix milliseconds.

-- Most shirts one order may take, set by the artist (1–10).
ALTER TABLE drops ADD COLUMN max_per_order BIGINT NOT NULL DEFAULT 4;

-- Which client (a hash of its address bucket, never the address itself)
-- holds this order's stock, so one client cannot hold a whole drop.
ALTER TABLE orders ADD COLUMN client_key TEXT;

-- Stock-holding (pending or processing) orders per client and drop, kept by
-- the same transactions that move orders, so the cap is one conditional
-- upsert on a primary key (a COUNT over orders would scan every pending
-- order of a hot drop while its row is locked).
CREATE TABLE client_holds (
    drop_id TEXT NOT NULL,
    client_key TEXT NOT NULL,
    open BIGINT NOT NULL,
    PRIMARY KEY (drop_id, client_key),
    CHECK (open >= 0)
);

-- A signed payment event that named a popshop order but did not match the
-- checkout popshop created for it (another session, amount, currency, mode or
-- livemode). Recorded for the artist; it never counts as paid.
CREATE TABLE payment_problems (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    drop_id TEXT,
    order_id TEXT,
    session_id TEXT,
    amount BIGINT,
    currency TEXT,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX payment_problems_by_drop ON payment_problems (drop_id, created_at);
