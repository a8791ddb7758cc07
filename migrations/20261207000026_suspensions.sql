-- Issue 24: an operator suspends an account (its sessions end, its drops go
-- offline, sign-in says why) and unsuspends it. Drops taken down with their
-- account come back with it; a drop taken down on its own stays down.
ALTER TABLE accounts ADD COLUMN suspended_at BIGINT;
ALTER TABLE accounts ADD COLUMN suspension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE drops ADD COLUMN down_with_account INTEGER NOT NULL DEFAULT 0;
