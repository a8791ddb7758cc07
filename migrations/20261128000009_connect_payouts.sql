-- Stripe Connect payouts (issue 11): an artist's connected (Express)
-- account and its status as Stripe last reported it; each drop carries the
-- account its payments go to while that account can take charges (''
-- otherwise), so a storefront knows without another query; each order keeps
-- where its money went and popshop's fee.
CREATE TABLE payout_accounts (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    stripe_account TEXT NOT NULL UNIQUE,
    charges_enabled BIGINT NOT NULL DEFAULT 0,
    payouts_enabled BIGINT NOT NULL DEFAULT 0,
    details_submitted BIGINT NOT NULL DEFAULT 0,
    -- Stripe's requirement names, comma-separated ("external_account,tos_acceptance.date").
    currently_due TEXT NOT NULL DEFAULT '',
    disabled_reason TEXT NOT NULL DEFAULT '',
    -- When Stripe said so (seconds): an older account.updated never wins.
    reported_at BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
ALTER TABLE drops ADD COLUMN payments_to TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN destination TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN application_fee BIGINT NOT NULL DEFAULT 0;
