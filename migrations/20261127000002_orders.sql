-- Orders, stock reservations and processed payment events.
-- Portable SQL (SQLite and PostgreSQL); timestamps are unix milliseconds.

ALTER TABLE drops ADD COLUMN paid_orders BIGINT NOT NULL DEFAULT 0;
ALTER TABLE drops ADD COLUMN checkouts_started BIGINT NOT NULL DEFAULT 0;

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    drop_id TEXT NOT NULL REFERENCES drops (id),
    -- The buyer's place in the drop ("you're #137"), given when paid.
    number BIGINT,
    size TEXT NOT NULL,
    colour TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    unit_amount BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    -- pending: stock reserved, waiting for payment; processing: paid by a slow
    -- method, waiting for it to clear; paid; expired / cancelled / failed:
    -- reservation released; refunded.
    status TEXT NOT NULL,
    provider TEXT NOT NULL,
    session_id TEXT UNIQUE,
    checkout_url TEXT,
    payment_intent TEXT,
    email TEXT,
    name TEXT,
    -- Shipping address as JSON text ({"line1": …, "city": …, "country": …}).
    shipping TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    paid_at BIGINT,
    updated_at BIGINT NOT NULL
);

CREATE INDEX orders_by_drop ON orders (drop_id, status, paid_at);
CREATE INDEX orders_by_expiry ON orders (status, expires_at);
CREATE INDEX orders_by_payment_intent ON orders (payment_intent);

-- Every payment event id is handled once, in the same transaction as its effect.
CREATE TABLE processed_events (
    event_id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    processed_at BIGINT NOT NULL
);
