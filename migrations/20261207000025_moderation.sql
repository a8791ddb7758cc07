-- Issue 24: operators take a drop down (410 for fans, the reason shown) and
-- restore it; fans report a drop or a call to the operators' queue.
ALTER TABLE drops ADD COLUMN taken_down_at BIGINT;
ALTER TABLE drops ADD COLUMN takedown_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    -- `drop` or `call`, and its id.
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    -- `infringement`, `hate`, `scam`, `other`.
    reason TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- When an operator dealt with it, and who.
    resolved_at BIGINT,
    resolved_by TEXT NOT NULL DEFAULT ''
);

CREATE INDEX reports_open ON reports (resolved_at, created_at);
CREATE INDEX reports_by_target ON reports (target_kind, target_id);
