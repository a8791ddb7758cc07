//! Sample drops and orders for unit tests.

use super::{
    Currency, Drop, DropSlug, Money, Order, OrderStatus, ShippingAddress, ShirtColour, ShirtColours, Size, Sizes,
};

/// A live drop of ten white shirts in M, ending at 1000.
pub fn drop() -> Drop {
    Drop {
        id: "d1".into(),
        account_id: "a1".into(),
        slug: DropSlug::from_slogan("x"),
        slogan: "x".into(),
        artist_name: "A".into(),
        price: Money::from_minor(2500, Currency::Usd),
        sizes: Sizes::from_db("M"),
        colours: ShirtColours::from_db("white"),
        stock: Some(10),
        max_per_order: 4,
        sold: 0,
        reserved: 0,
        revenue_minor: 0,
        paid_orders: 0,
        checkouts_started: 0,
        show_raised: false,
        goal: Some(4),
        ends_at: Some(1000),
        ended_at: None,
        theme: "poster".into(),
        created_at: 0,
        version: 1,
        description: String::new(),
        shipping: Money::from_minor(0, Currency::Usd),
        delivery: crate::domain::Delivery::DEFAULT,
        language: crate::domain::Language::En,
        from_call: None,
        payments_to: None,
        wave: 1,
        printer: crate::domain::Printer::Own,
        takedown: None,
        products: vec![crate::domain::DropProduct {
            product: crate::domain::Product::Tee,
            price: Money::from_minor(2500, Currency::Usd),
            sizes: vec![Size::M],
            colours: vec![ShirtColour::parse("white").unwrap()],
            stock: Some(10),
            sold: 0,
            reserved: 0,
        }],
    }
}

/// Order `n` of `q` shirts, paid, shipped to `name` in Berlin.
pub fn order(n: i64, name: &str, size: &str, colour: &str, q: i64) -> Order {
    let (size, colour) = (Size::parse(size).unwrap(), ShirtColour::parse(colour).unwrap());
    Order {
        id: format!("order{n}xxxxxxxx").into(),
        drop_id: "d".into(),
        number: Some(n),
        size,
        colour,
        quantity: q,
        unit_amount: Money::from_minor(2500, Currency::Eur),
        amount: Money::from_minor(2500 * q, Currency::Eur),
        shipping_cost: Money::from_minor(0, Currency::Eur),
        status: OrderStatus::Paid,
        provider: "demo".into(),
        session_id: None,
        checkout_url: None,
        payment_intent: None,
        email: Some(format!("{n}@example.com")),
        name: Some(name.into()),
        shipping: Some(ShippingAddress {
            name: name.into(),
            line1: "Straße 1, Hof \"links\"".into(),
            postal_code: "10115".into(),
            city: "Berlin".into(),
            country: "DE".into(),
            ..Default::default()
        }),
        destination: None,
        application_fee: Money::from_minor(0, Currency::Eur),
        promo_code: None,
        discount: Money::from_minor(0, Currency::Eur),
        view_token: Some("0f".repeat(32)),
        way: super::Way::default(),
        tax_mode: super::TaxMode::None,
        tax: Money::from_minor(0, Currency::Eur),
        lines: vec![super::OrderLine {
            product: super::Product::Tee,
            size: Some(size),
            colour,
            quantity: q,
            unit_amount: Money::from_minor(2500, Currency::Eur),
            discount: Money::from_minor(0, Currency::Eur),
        }],
        created_at: 0,
        expires_at: 0,
        paid_at: Some(1_764_201_600_000 + n),
    }
}
