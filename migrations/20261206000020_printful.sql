-- Issue 16, part 3: print on demand with Printful.
-- Which printer makes a drop's shirts: '' (the artist's own, through the
-- production queue) or 'printful' (launched while Printful was on: each paid
-- order goes to Printful after the cooling-off).
ALTER TABLE drops ADD COLUMN printer TEXT NOT NULL DEFAULT '';
-- One row per order popshop has tried to place with Printful. `state` is
-- 'trying' (next_attempt_at is also the claim's lease), 'sent' (confirmed
-- at Printful) or 'refused' (Printful said no; the order shows why).
-- `printful_id` is Printful's order id once created; `cost` what Printful
-- charges (minor units of `cost_currency`) once calculated.
CREATE TABLE print_jobs (
    order_id TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'trying',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    printful_id TEXT NOT NULL DEFAULT '',
    cost BIGINT,
    cost_currency TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- Printful's webhook events taken, by the SHA-256 of their raw body: a
-- replayed event is refused.
CREATE TABLE printer_events (
    digest TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);
