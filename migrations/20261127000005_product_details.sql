-- What fans see before paying: the artist's description, shipping per order
-- (minor units of the drop's currency; 0 is free) and the delivery promise
-- in business days. Orders keep the shipping they were charged.
ALTER TABLE drops ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE drops ADD COLUMN shipping_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE drops ADD COLUMN delivery_min_days BIGINT NOT NULL DEFAULT 5;
ALTER TABLE drops ADD COLUMN delivery_max_days BIGINT NOT NULL DEFAULT 10;
ALTER TABLE orders ADD COLUMN shipping_minor BIGINT NOT NULL DEFAULT 0;
