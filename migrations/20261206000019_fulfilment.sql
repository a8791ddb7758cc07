-- Issue 16: a paid order's way to its fan. `fulfilment` is '' (waiting to
-- be made), 'in_production', 'shipped', 'delivered', 'returned' or
-- 'printer_refused'; the payment status stays as it is ('paid').
ALTER TABLE orders ADD COLUMN fulfilment TEXT NOT NULL DEFAULT '';
-- When it last moved (unix ms), and when it was sent to the printer,
-- shipped and delivered.
ALTER TABLE orders ADD COLUMN fulfilment_at BIGINT;
ALTER TABLE orders ADD COLUMN produced_at BIGINT;
ALTER TABLE orders ADD COLUMN shipped_at BIGINT;
ALTER TABLE orders ADD COLUMN delivered_at BIGINT;
-- A carrier key ('dhl', …, 'other'), the number, and the tracking page.
ALTER TABLE orders ADD COLUMN carrier TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN tracking_number TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN tracking_url TEXT NOT NULL DEFAULT '';
-- Why the printer refused it (shown to the artist).
ALTER TABLE orders ADD COLUMN fulfilment_note TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_by_fulfilment ON orders (drop_id, status, fulfilment);
