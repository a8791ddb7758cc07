-- Issue 14, second part: the fan's order page, accounts that can be
-- confirmed and recovered, and the artist's mail.

-- The secret in the order page's address (/orders/{token}); written with the
-- order, or on first use for orders older than this migration.
ALTER TABLE orders ADD COLUMN view_token TEXT;
CREATE UNIQUE INDEX orders_by_view_token ON orders (view_token);

-- Set when the artist followed the link mailed to their address. Accounts
-- older than this migration start unconfirmed: they are asked to confirm.
ALTER TABLE accounts ADD COLUMN email_confirmed_at BIGINT;
-- The secret in the artist's one-click unsubscribe links.
ALTER TABLE accounts ADD COLUMN mail_key TEXT;
CREATE UNIQUE INDEX accounts_by_mail_key ON accounts (mail_key);
-- The kinds of artist mail switched off, comma-separated ('first-sale,…').
ALTER TABLE accounts ADD COLUMN mail_off TEXT NOT NULL DEFAULT 'daily-digest';

-- Single-use links mailed to an account: confirm the address, reset the
-- password, confirm a new address. Only the SHA-256 of the secret is kept.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- 'confirm', 'reset' or 'email' (a change of address).
    purpose TEXT NOT NULL,
    -- The address the link was sent to (the new one for a change).
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_tokens_by_account ON account_tokens (account_id, purpose, created_at);

-- A link's secret travels to the sender here, and is blanked once the
-- message is sent or refused; the language of a message with no drop.
ALTER TABLE outbox ADD COLUMN link_token TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT '';
