-- The artist may show the money raised on the public storefront and stream (0/1).
ALTER TABLE drops ADD COLUMN show_raised BIGINT NOT NULL DEFAULT 0;
