//! The payment-event vocabulary: what a provider's signed event says, and the
//! rule that binds it to the checkout popshop created. An event pays an order
//! only when its session id, amount, currency, mode and livemode all match;
//! anything else is a [`Mismatch`] that is recorded and never counts as paid.

use super::{Money, ShippingAddress};

/// What happened, as far as orders care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentEventKind {
    /// Checkout finished; `paid` is false for payment methods that clear later.
    Completed {
        paid: bool,
    },
    AsyncSucceeded,
    AsyncFailed,
    Expired,
    /// The charge was refunded; `fully` false for partial refunds (ignored).
    Refunded {
        fully: bool,
    },
    /// The fan disputed the charge with their bank (`charge.dispute.created`).
    Disputed,
    /// The bank decided (`charge.dispute.closed`): `won` when the money
    /// stays with the shop (`won`, or an inquiry closed as `warning_closed`).
    DisputeClosed {
        won: bool,
    },
}

impl PaymentEventKind {
    /// Events that would move money into an order.
    pub fn pays(&self) -> bool {
        matches!(self, Self::Completed { paid: true } | Self::AsyncSucceeded)
    }
}

/// What a checkout-session event says about its session: the facts held
/// against what popshop created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFacts {
    pub session_id: String,
    /// `client_reference_id`, else `metadata.order_id`: the order the session
    /// *claims*. Anyone's Payment Link can claim any id, so this only
    /// cross-checks; the session id finds the order.
    pub claimed_order: Option<String>,
    pub amount_total: Option<i64>,
    /// `total_details.amount_tax`: the tax Stripe Tax worked out (part of
    /// `amount_total`, added to the price or included in it).
    pub amount_tax: Option<i64>,
    /// ISO code as Stripe writes it (lower case).
    pub currency: Option<String>,
    /// `mode` is `payment` (not `setup` or `subscription`).
    pub payment_mode: bool,
    pub livemode: bool,
}

/// Which order an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventSubject {
    /// A checkout session (found by its id, then checked).
    Session(SessionFacts),
    /// A charge's payment intent (stored only from a matching session).
    PaymentIntent(String),
    /// popshop's own record of something it did (a refund through the API).
    Order(super::OrderId),
}

/// Who paid and where the shirts go, as the provider reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buyer {
    pub email: Option<String>,
    pub name: Option<String>,
    pub shipping: Option<ShippingAddress>,
    pub payment_intent: Option<String>,
}

/// One verified event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentEvent {
    /// The provider's event id; handled at most once.
    pub id: String,
    pub event_type: String,
    pub kind: PaymentEventKind,
    pub subject: EventSubject,
    pub buyer: Buyer,
}

/// What popshop created for an order, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedCheckout {
    pub order_id: super::OrderId,
    pub session_id: Option<String>,
    /// Before any tax added at checkout.
    pub amount: Money,
    pub tax: super::TaxMode,
}

/// Why an event does not belong to the checkout popshop created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The session is not one popshop created for the order it names.
    ForeignSession {
        session_id: String,
    },
    /// The session is popshop's, but names another order.
    OtherOrder {
        claimed: String,
    },
    Amount {
        expected: Money,
        got: Option<i64>,
    },
    Currency {
        expected: &'static str,
        got: Option<String>,
    },
    NotPaymentMode,
    Livemode {
        expected: bool,
    },
}

impl Mismatch {
    /// One sentence for the artist.
    pub fn describe(&self) -> String {
        match self {
            Self::ForeignSession { session_id } => format!(
                "A payment from checkout {session_id}, which popshop did not create for this order, named it. \
                 It was not counted. Check your Stripe account for Payment Links or other integrations."
            ),
            Self::OtherOrder { claimed } => {
                format!("A payment for this order named another order ({claimed}). It was not counted.")
            }
            Self::Amount { expected, got } => match got {
                Some(minor) => {
                    let got = Money::from_minor(*minor, expected.currency());
                    format!("A payment of {got} arrived for an order of {expected}. It was not counted.")
                }
                None => format!("A payment without an amount arrived for an order of {expected}. It was not counted."),
            },
            Self::Currency { expected, got } => format!(
                "A payment in {} arrived for an order in {}. It was not counted.",
                got.as_deref().unwrap_or("no currency").to_uppercase(),
                expected.to_uppercase()
            ),
            Self::NotPaymentMode => {
                "A checkout that was not a one-time payment named this order. It was not counted.".into()
            }
            Self::Livemode { expected: true } => {
                "A test-mode payment named this live order. It was not counted.".into()
            }
            Self::Livemode { expected: false } => {
                "A live payment named this order while popshop runs in test mode. It was not counted.".into()
            }
        }
    }
}

/// Holds a session event against the order popshop created. `livemode` is the
/// mode popshop's own key runs in.
pub fn check_binding(created: &CreatedCheckout, facts: &SessionFacts, livemode: bool) -> Result<(), Mismatch> {
    if created.session_id.as_deref() != Some(facts.session_id.as_str()) {
        return Err(Mismatch::ForeignSession { session_id: facts.session_id.clone() });
    }
    if let Some(claimed) = &facts.claimed_order
        && claimed != &created.order_id
    {
        return Err(Mismatch::OtherOrder { claimed: claimed.clone() });
    }
    if !facts.payment_mode {
        return Err(Mismatch::NotPaymentMode);
    }
    if facts.livemode != livemode {
        return Err(Mismatch::Livemode { expected: livemode });
    }
    let expected_currency = created.amount.currency().code();
    if !facts.currency.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(expected_currency)) {
        return Err(Mismatch::Currency { expected: expected_currency, got: facts.currency.clone() });
    }
    // Tax added at checkout comes on top of the order's amount; included
    // tax is a part of it. Either way it is Stripe's own figure, never
    // negative nor more than the price.
    let tax = facts.amount_tax.unwrap_or(0);
    let expected = match created.tax {
        super::TaxMode::Exclusive if (0..=created.amount.minor()).contains(&tax) => created.amount.minor() + tax,
        super::TaxMode::Exclusive => -1,
        super::TaxMode::Inclusive | super::TaxMode::None if (0..=created.amount.minor()).contains(&tax) => {
            created.amount.minor()
        }
        _ => -1,
    };
    if facts.amount_total != Some(expected) {
        return Err(Mismatch::Amount { expected: created.amount, got: facts.amount_total });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn created() -> CreatedCheckout {
        CreatedCheckout {
            order_id: "order-b".into(),
            session_id: Some("cs_b".into()),
            amount: Money::from_minor(2500, Currency::Usd),
            tax: crate::domain::TaxMode::None,
        }
    }

    fn facts() -> SessionFacts {
        SessionFacts {
            session_id: "cs_b".into(),
            claimed_order: Some("order-b".into()),
            amount_total: Some(2500),
            amount_tax: Some(0),
            currency: Some("usd".into()),
            payment_mode: true,
            livemode: false,
        }
    }

    #[test]
    fn the_session_popshop_created_binds() {
        assert_eq!(check_binding(&created(), &facts(), false), Ok(()));
        let unclaimed = SessionFacts { claimed_order: None, ..facts() };
        assert_eq!(check_binding(&created(), &unclaimed, false), Ok(()));
    }

    #[test]
    fn every_difference_is_a_mismatch() {
        let cases = [
            SessionFacts { session_id: "cs_a".into(), ..facts() },
            SessionFacts { claimed_order: Some("order-a".into()), ..facts() },
            SessionFacts { amount_total: Some(100), ..facts() },
            SessionFacts { amount_total: None, ..facts() },
            SessionFacts { currency: Some("eur".into()), ..facts() },
            SessionFacts { currency: None, ..facts() },
            SessionFacts { payment_mode: false, ..facts() },
            SessionFacts { livemode: true, ..facts() },
        ];
        for case in cases {
            let mismatch = check_binding(&created(), &case, false).expect_err("must not bind");
            assert!(mismatch.describe().contains("not counted"), "{mismatch:?}");
        }
        let no_session = CreatedCheckout { session_id: None, ..created() };
        assert!(check_binding(&no_session, &facts(), false).is_err());
    }

    #[test]
    fn tax_added_at_checkout_comes_on_top_and_included_tax_is_a_part() {
        use crate::domain::TaxMode;
        let exclusive = CreatedCheckout { tax: TaxMode::Exclusive, ..created() };
        let taxed = SessionFacts { amount_total: Some(2706), amount_tax: Some(206), ..facts() };
        assert_eq!(check_binding(&exclusive, &taxed, false), Ok(()));
        assert!(check_binding(&exclusive, &SessionFacts { amount_total: Some(2500), ..taxed.clone() }, false).is_err());
        assert!(check_binding(&created(), &taxed, false).is_err(), "no tax was asked for");
        let inclusive = CreatedCheckout { tax: TaxMode::Inclusive, ..created() };
        let included = SessionFacts { amount_total: Some(2500), amount_tax: Some(399), ..facts() };
        assert_eq!(check_binding(&inclusive, &included, false), Ok(()));
        assert!(check_binding(&inclusive, &taxed, false).is_err());
        let negative = SessionFacts { amount_total: Some(2400), amount_tax: Some(-100), ..facts() };
        assert!(check_binding(&exclusive, &negative, false).is_err());
    }
}
