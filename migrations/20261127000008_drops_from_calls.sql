-- A drop launched from a fan's idea keeps where it came from and the credit
-- as it stood at launch ("slogan by Jo, voted by 312 fans"); the call
-- remembers the drop it became.
ALTER TABLE drops ADD COLUMN call_slug TEXT NOT NULL DEFAULT '';
ALTER TABLE drops ADD COLUMN idea_credit TEXT NOT NULL DEFAULT '';
ALTER TABLE drops ADD COLUMN idea_votes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN drop_slug TEXT NOT NULL DEFAULT '';
