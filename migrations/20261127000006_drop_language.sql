-- The language of a drop's storefront, checkout and thanks pages ("en", "de"),
-- picked by its artist.
ALTER TABLE drops ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
