-- Issue 23: a promo code may cover one product of a merch table ("stickers
-- half price"); '' covers every product.
ALTER TABLE promo_codes ADD COLUMN product TEXT NOT NULL DEFAULT '';
