-- Holds that cannot be hoarded, and payments that did not match their order.
-- Portable SQL (SQLite and PostgreSQL); timestamps are unix milliseconds.

-- Most shirts one order may take, set by the artist (1–10).
ALTER TABLE drops ADD COLUMN max_per_order BIGINT NOT NULL DEFAULT 4;

-- Which client (a keyed hash of its address bucket, never the address itself)
-- holds this order's stock, so one client cannot hold a whole drop.
ALTER TABLE orders ADD COLUMN client_key TEXT;
CREATE INDEX orders_by_client ON orders (drop_id, client_key, status);
CREATE INDEX orders_by_session ON orders (status, provider, expires_at);

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
