use super::{Money, ShirtColour, Size};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many shirts in one order: 1–10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity(i64);

impl Quantity {
    pub const MAX: i64 = 10;

    pub fn parse(input: &str) -> Option<Self> {
        input.trim().parse::<i64>().ok().filter(|q| (1..=Self::MAX).contains(q)).map(Self)
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// Where an order stands. Transitions: pending → processing → paid,
/// pending/processing → expired | cancelled | failed (stock released),
/// paid → refunded; a payment arriving after the stock was released is
/// re-counted when stock allows, else it becomes `refund_due` and is refunded.
/// paid → disputed (the fan's bank holds the money; out of the revenue) →
/// paid again when the shop wins, or `dispute_lost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    Pending,
    Processing,
    Paid,
    Expired,
    Cancelled,
    Failed,
    RefundDue,
    Refunded,
    Disputed,
    DisputeLost,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 10] = [
        Self::Pending,
        Self::Processing,
        Self::Paid,
        Self::Expired,
        Self::Cancelled,
        Self::Failed,
        Self::RefundDue,
        Self::Refunded,
        Self::Disputed,
        Self::DisputeLost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Processing => "processing",
            Self::Paid => "paid",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
            Self::RefundDue => "refund_due",
            Self::Refunded => "refunded",
            Self::Disputed => "disputed",
            Self::DisputeLost => "dispute_lost",
        }
    }

    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|st| st.as_str() == s).unwrap_or(Self::Failed)
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Awaiting payment",
            Self::Processing => "Payment processing",
            Self::Paid => "Paid",
            Self::Expired => "Expired",
            Self::Cancelled => "Cancelled",
            Self::Failed => "Payment failed",
            Self::RefundDue => "Refund due",
            Self::Refunded => "Refunded",
            Self::Disputed => "Disputed",
            Self::DisputeLost => "Dispute lost",
        }
    }
}

/// A shipping address as the payment provider collected it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingAddress {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub line1: String,
    #[serde(default)]
    pub line2: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub country: String,
}

impl ShippingAddress {
    /// The label's lines: name, street, "10115 Berlin", state, country.
    pub fn lines(&self) -> Vec<String> {
        let city = format!("{} {}", self.postal_code, self.city);
        [&self.name, &self.line1, &self.line2, &city, &self.state, &self.country]
            .into_iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// One line for tables: "Ana Díaz, Hauptstr. 1, 10115 Berlin, DE".
    pub fn one_line(&self) -> String {
        let city = [self.postal_code.as_str(), self.city.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        [self.name.as_str(), &self.line1, &self.line2, &city, &self.state, &self.country]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One checkout from one drop: its lines (a hoodie in L, two stickers…).
/// `size`, `colour` and `unit_amount` are the first line's, `quantity`
/// the units of all lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: super::OrderId,
    pub drop_id: super::DropId,
    /// The buyer's place among the drop's paid orders.
    pub number: Option<i64>,
    pub size: Size,
    pub colour: ShirtColour,
    pub quantity: i64,
    pub unit_amount: Money,
    /// What the fan pays: the shirts plus `shipping_cost`.
    pub amount: Money,
    /// Shipping charged with the order (zero when free).
    pub shipping_cost: Money,
    pub status: OrderStatus,
    pub provider: String,
    pub session_id: Option<String>,
    pub checkout_url: Option<String>,
    pub payment_intent: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub shipping: Option<ShippingAddress>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub expires_at: i64,
    pub paid_at: Option<i64>,
    /// With Stripe Connect: the artist's account the payment went to (a
    /// destination charge), and popshop's fee on it.
    pub destination: Option<String>,
    pub application_fee: Money,
    /// The promo code used, and what it took off the order.
    pub promo_code: Option<String>,
    pub discount: Money,
    /// The secret in the fan's order page address (`/orders/{token}`);
    /// `None` only for orders older than order pages, until first asked.
    pub view_token: Option<String>,
    /// A paid order's way to its fan.
    pub way: Way,
    /// Tax included in `amount`, added on top of it, or none worked out.
    pub tax_mode: super::TaxMode,
    /// The tax Stripe collected (0 until paid, and without Stripe Tax).
    pub tax: Money,
    /// What was bought, line by line (at least one).
    pub lines: Vec<super::OrderLine>,
}

impl Order {
    /// What the fan paid in all: `amount`, plus tax added at checkout.
    pub fn total_paid(&self) -> Money {
        match self.tax_mode {
            super::TaxMode::Exclusive => {
                Money::from_minor(self.amount.minor() + self.tax.minor(), self.amount.currency())
            }
            _ => self.amount,
        }
    }
}

/// Where a paid order's shirts are, and when each step happened (unix ms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Way {
    pub fulfilment: super::Fulfilment,
    pub produced_at: Option<i64>,
    pub shipped_at: Option<i64>,
    pub delivered_at: Option<i64>,
    /// Once shipped: the carrier, its number and the tracking page.
    pub carrier: Option<super::Carrier>,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
    /// Why the printer refused it.
    pub note: String,
}

impl Order {
    /// Short reference people can quote: the first 8 characters of the id.
    pub fn reference(&self) -> String {
        self.id.chars().take(8).collect::<String>().to_uppercase()
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_is_one_to_ten() {
        assert_eq!(Quantity::parse("3").map(Quantity::get), Some(3));
        for bad in ["0", "11", "-1", "x", "", "2.5"] {
            assert!(Quantity::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn statuses_round_trip() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), s);
        }
    }

    #[test]
    fn address_on_one_line() {
        let a = ShippingAddress {
            name: "Ana".into(),
            line1: "Hauptstr. 1".into(),
            postal_code: "10115".into(),
            city: "Berlin".into(),
            country: "DE".into(),
            ..Default::default()
        };
        assert_eq!(a.one_line(), "Ana, Hauptstr. 1, 10115 Berlin, DE");
    }
}
