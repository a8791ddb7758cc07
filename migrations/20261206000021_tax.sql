-- Issue 16, part 4: tax (Stripe Tax). `tax_mode` is fixed when the checkout
-- is created: '' (no tax worked out), 'inclusive' (the price includes
-- VAT/GST) or 'exclusive' (tax added at checkout; `amount` stays the price
-- before tax). `tax_minor` is the tax Stripe collected; `included_tax_minor`
-- the part of an inclusive tax that falls on the shirts (not the post),
-- which the artist's revenue leaves out.
ALTER TABLE orders ADD COLUMN tax_mode TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN tax_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN included_tax_minor BIGINT NOT NULL DEFAULT 0;
