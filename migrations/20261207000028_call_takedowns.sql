-- Issue 24: operators take down a fans' call (410 with the reason, ideas
-- and votes stop) or a single idea (off the board for good: the artist
-- cannot show it again).
ALTER TABLE calls ADD COLUMN taken_down_at BIGINT;
ALTER TABLE calls ADD COLUMN takedown_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE ideas ADD COLUMN taken_down INTEGER NOT NULL DEFAULT 0;
