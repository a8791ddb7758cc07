-- Issue 24: operators (granted with `popshop admin grant EMAIL`, or listed
-- in POPSHOP_OPERATORS) and the append-only audit log of what operators do.
ALTER TABLE accounts ADD COLUMN operator INTEGER NOT NULL DEFAULT 0;

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    -- Who: an operator's email, or `cli` for the command-line tool.
    actor TEXT NOT NULL,
    -- What: `grant`, `revoke`, `takedown`, `restore`, `suspend`, …
    action TEXT NOT NULL,
    -- On what: `account`, `drop`, `call`, `idea`, and its id or email.
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    -- Why, in the operator's words ('' when none was asked).
    reason TEXT NOT NULL
);

CREATE INDEX audit_log_by_time ON audit_log (at);
