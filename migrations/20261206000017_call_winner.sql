-- Issue 15: a closed call marks the idea that became the shirt.
ALTER TABLE calls ADD COLUMN winner_idea TEXT NOT NULL DEFAULT '';
