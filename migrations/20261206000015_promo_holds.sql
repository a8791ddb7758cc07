-- Issue 15: a limited promo code's use is taken only when the client holds
-- no unpaid checkout with it; this index answers that look-up.
CREATE INDEX orders_by_promo_client ON orders (promo_id, client_key, status);
