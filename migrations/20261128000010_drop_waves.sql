-- A second wave (issue 11): an ended or sold-out drop opens again with a new
-- end, more stock and perhaps a new price. The drop keeps its orders and
-- totals; each wave is recorded, so the artist's chart can mark where it began.
ALTER TABLE drops ADD COLUMN wave BIGINT NOT NULL DEFAULT 1;
CREATE TABLE drop_waves (
    drop_id TEXT NOT NULL REFERENCES drops (id),
    number BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    -- Shirts added (NULL: unlimited stock), the price from then on, the new end.
    added_stock BIGINT,
    price_minor BIGINT NOT NULL,
    ends_at BIGINT,
    PRIMARY KEY (drop_id, number)
);
