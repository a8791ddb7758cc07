-- Promo codes (issue 11): an artist's codes, for one drop or all of theirs.
-- A use is taken in the same transaction as the stock (never more than
-- max_uses, even in a rush) and given back when the hold is released unpaid.
CREATE TABLE promo_codes (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    -- NULL: every drop of the artist.
    drop_id TEXT REFERENCES drops (id),
    -- As fans type it, upper-cased ("FRIDAY20").
    code TEXT NOT NULL,
    -- One of: a percentage off each shirt, or an amount off each shirt (minor units, in `currency`).
    percent_off BIGINT,
    amount_off BIGINT,
    currency TEXT NOT NULL DEFAULT '',
    max_uses BIGINT,
    uses BIGINT NOT NULL DEFAULT 0,
    ends_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, code)
);
ALTER TABLE orders ADD COLUMN promo_id TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN promo_code TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN discount_minor BIGINT NOT NULL DEFAULT 0;
