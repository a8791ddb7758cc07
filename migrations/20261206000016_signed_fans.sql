-- Issue 15: fans on calls are ids popshop signs, and one address may bring
-- only a few of them to a call.

-- Secrets every instance shares (made once, by the first instance to start).
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Which fan ids voted on a call from which client address (bucket).
CREATE TABLE call_voters (
    call_id TEXT NOT NULL,
    client_key TEXT NOT NULL,
    fan TEXT NOT NULL,
    PRIMARY KEY (call_id, client_key, fan)
);
