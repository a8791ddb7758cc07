-- Mail (issue 14): every message is written to the outbox in the same
-- transaction as what causes it (an order becoming paid, …); a sender task
-- delivers it. `message_id` is fixed at writing, so a message delivered
-- again after a crash between sending and marking it sent keeps its id.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    -- What the message is: 'order-paid', …
    kind TEXT NOT NULL,
    -- What it is about (an order's id for the fan's mail).
    subject_id TEXT NOT NULL,
    to_address TEXT NOT NULL,
    -- 'queued', 'sent' or 'failed' (refused for good).
    status TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    -- Not before (unix ms): the next try, or the end of a sender's lease.
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
-- One message of a kind about one thing: a replayed event writes none.
CREATE UNIQUE INDEX outbox_once ON outbox (kind, subject_id);
