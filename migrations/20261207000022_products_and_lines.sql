-- Issue 23: a drop sells several products (T-shirt, hoodie, long sleeve,
-- tote, poster, sticker), and an order holds several lines.
--
-- Each product of a drop has its own price, sizes, colours and stock; its
-- `sold` and `reserved` move in the same transactions as the drop's, which
-- stay the totals over all its products (`drops.stock` is the sum of the
-- products' stock while every one is limited, else NULL).
CREATE TABLE drop_products (
    drop_id TEXT NOT NULL REFERENCES drops (id),
    product TEXT NOT NULL,
    position BIGINT NOT NULL,
    price_minor BIGINT NOT NULL,
    sizes TEXT NOT NULL,
    colours TEXT NOT NULL,
    stock BIGINT,
    sold BIGINT NOT NULL DEFAULT 0,
    reserved BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (drop_id, product),
    CHECK (sold >= 0 AND reserved >= 0),
    CHECK (stock IS NULL OR sold + reserved <= stock)
);

-- Every drop so far sold one T-shirt.
INSERT INTO drop_products (drop_id, product, position, price_minor, sizes, colours, stock, sold, reserved)
SELECT id, 'tee', 0, price_minor, sizes, colours, stock, sold, reserved FROM drops;

-- An order's lines; `orders.size`, `colour` and `quantity` keep the first
-- line's size and colour and the order's total units.
CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line BIGINT NOT NULL,
    product TEXT NOT NULL,
    -- '' for a one-size product.
    size TEXT NOT NULL,
    colour TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    -- After a promo code; `discount_minor` is what it took off the line.
    unit_amount BIGINT NOT NULL,
    discount_minor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line)
);

INSERT INTO order_lines (order_id, line, product, size, colour, quantity, unit_amount, discount_minor)
SELECT id, 1, 'tee', size, colour, quantity, unit_amount, discount_minor FROM orders;
