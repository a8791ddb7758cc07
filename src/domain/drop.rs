use super::{Currency, DropSlug, Money, ShirtColours, Sizes};

/// A drop: one slogan on one shirt, on sale until it ends or sells out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drop {
    pub id: super::DropId,
    pub account_id: super::AccountId,
    pub slug: DropSlug,
    /// Validated when the drop was created; stored as typed.
    pub slogan: String,
    pub artist_name: String,
    pub price: Money,
    pub sizes: Sizes,
    pub colours: ShirtColours,
    /// Most shirts that may be sold; `None` is unlimited.
    pub stock: Option<i64>,
    /// Most shirts one order may take (1–10), set by the artist.
    pub max_per_order: i64,
    /// Units paid for.
    pub sold: i64,
    /// Units held by checkouts in progress.
    pub reserved: i64,
    /// Paid shirt sales in minor units of `price.currency()` (shipping, which
    /// pays the post, not counted).
    pub revenue_minor: i64,
    /// Paid orders so far (numbers buyers: "you're #137").
    pub paid_orders: i64,
    /// Checkouts started (stock reserved), for conversion.
    pub checkouts_started: i64,
    /// The artist shows the money raised publicly ("$1,250.00 raised").
    pub show_raised: bool,
    pub goal: Option<i64>,
    /// Unix milliseconds when sales close by themselves.
    pub ends_at: Option<i64>,
    /// Unix milliseconds when the artist ended the drop early.
    pub ended_at: Option<i64>,
    /// Key of the look (see `design::Theme`).
    pub theme: String,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Bumped on every change; caches of rendered parts compare it.
    pub version: i64,
    /// The artist's few words about the shirt (may be empty; line breaks kept).
    pub description: String,
    /// Shipping per order, in the price's currency; zero is free.
    pub shipping: Money,
    pub delivery: super::Delivery,
    /// The language of the storefront, checkout and thanks pages.
    pub language: super::Language,
    /// Launched from a fan's idea on an open call.
    pub from_call: Option<FromCall>,
    /// With Stripe Connect: the artist's connected account its payments go
    /// to, while that account can take charges (`None`: it cannot yet).
    pub payments_to: Option<String>,
    /// 1 at launch; each reopening (a second wave) adds one.
    pub wave: i64,
    /// Who makes its shirts (fixed at launch).
    pub printer: super::Printer,
    /// What it sells, in the merch table's order (at least one).
    pub products: Vec<super::DropProduct>,
    /// Taken down by an operator (issue 24), `None` otherwise.
    pub takedown: Option<super::Takedown>,
}

/// Where a drop's slogan came from: a fan's idea on the artist's call, with
/// the credit as it stood at launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromCall {
    pub call_slug: super::DropSlug,
    /// The name the fan asked to be credited (may be empty).
    pub credit: String,
    pub votes: i64,
}

/// Whether fans can buy right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropState {
    Live,
    SoldOut,
    Ended,
    /// An operator took it down (issue 24): 410 for fans, the reason shown.
    TakenDown,
}

impl DropState {
    /// CSS-friendly key: "live", "sold-out", "ended".
    pub fn key(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::SoldOut => "sold-out",
            Self::Ended => "ended",
            Self::TakenDown => "taken-down",
        }
    }
}

impl Drop {
    /// `now` is unix milliseconds.
    pub fn state(&self, now: i64) -> DropState {
        if self.takedown.is_some() {
            DropState::TakenDown
        } else if self.ended_at.is_some() || self.ends_at.is_some_and(|end| end <= now) {
            DropState::Ended
        } else if self.units_left() == Some(0) {
            DropState::SoldOut
        } else {
            DropState::Live
        }
    }

    /// Most shirts one order may take: the artist's setting, at least one.
    pub fn most_per_order(&self) -> i64 {
        self.max_per_order.max(1)
    }

    /// Shirts still available to new buyers, when stock is limited.
    pub fn units_left(&self) -> Option<i64> {
        self.stock.map(|s| (s - self.sold - self.reserved).max(0))
    }

    /// Goal progress in whole percent, capped at 100.
    pub fn goal_percent(&self) -> Option<i64> {
        self.goal.map(|g| (self.sold * 100 / g.max(1)).min(100))
    }

    pub fn revenue(&self) -> Money {
        Money::from_minor(self.revenue_minor, self.price.currency())
    }

    pub fn currency(&self) -> Currency {
        self.price.currency()
    }

    /// How it sells `product`, if it does.
    pub fn product(&self, product: super::Product) -> Option<&super::DropProduct> {
        self.products.iter().find(|p| p.product == product)
    }

    /// More than the T-shirt alone.
    pub fn has_merch_table(&self) -> bool {
        self.products.len() > 1 || self.products.first().is_some_and(|p| p.product != super::Product::Tee)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states() {
        let mut d = crate::domain::samples::drop();
        assert_eq!(d.state(999), DropState::Live);
        assert_eq!(d.state(1000), DropState::Ended);
        d.sold = 7;
        d.reserved = 3;
        assert_eq!(d.state(0), DropState::SoldOut);
        assert_eq!(d.goal_percent(), Some(100));
        d.ended_at = Some(5);
        assert_eq!(d.state(0), DropState::Ended);
    }
}
