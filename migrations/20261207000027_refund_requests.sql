-- Issue 24: an operator asks to refund every paid order of a taken-down
-- drop; the sweeper refunds them one by one through the normal refund path,
-- and the console shows how far it got.
ALTER TABLE orders ADD COLUMN refund_requested_at BIGINT;
CREATE INDEX orders_refund_requested ON orders (refund_requested_at, status);
