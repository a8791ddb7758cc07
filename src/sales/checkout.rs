//! Starting a checkout: the client's rate, a short hold on the stock (one
//! conditional update, capped per client), then the provider's page. The
//! provider is asked only after the hold has committed; if it refuses or
//! cannot be reached, the hold is released at once.

use super::Sales;
use crate::domain::{Drop, OrderId, OrderStatus, Product, PromoCode, PromoProblem, ShirtColour, Size};
use crate::i18n;
use crate::payments::{CheckoutItem, CheckoutRequest, ProviderError};
use crate::store::{NewOrder, Reservation, new_id};
use crate::web::Client;
use std::time::Duration;

/// What a fan asked for.
pub struct Purchase<'a> {
    pub drop: &'a Drop,
    /// Key of the drop's share card, which is the product image.
    pub card_key: &'a str,
    /// What the fan picked, each a product, size and colour the drop
    /// offers; already checked against the drop's most per order.
    pub picks: Vec<Pick>,
    pub client: Client,
    /// A promo code as typed, checked (`domain::promo::normalize_code`).
    pub code: Option<crate::domain::promo::Code>,
    /// The code's seal, when the storefront applied it ([`promo_seal`]).
    pub code_seal: String,
    /// The share link the fan came by (`domain::source`).
    pub source: crate::domain::source::Source,
}

/// One line of a cart: some of one product in one size and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub product: Product,
    /// `None` for a one-size product.
    pub size: Option<Size>,
    pub colour: ShirtColour,
    pub quantity: i64,
}

impl Pick {
    /// Units over all picks.
    pub fn units(picks: &[Pick]) -> i64 {
        picks.iter().map(|p| p.quantity).sum()
    }
}

/// What came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutOutcome {
    /// The stock is held; the fan pays at `url`.
    Pay {
        url: String,
    },
    /// This client started too many checkouts lately.
    RateLimited {
        retry_after: Duration,
    },
    /// This client already holds `open` unpaid checkouts of the drop.
    TooManyHolds {
        open: i64,
        hold_minutes: i64,
    },
    SoldOut,
    OnlyLeft {
        left: i64,
    },
    /// On a merch table: one product of the order ran short (`left` of it
    /// remain), not the drop. The rest of the cart can still be bought.
    ProductShort {
        product: crate::domain::Product,
        left: i64,
    },
    Ended,
    /// The provider refused the request (a 4xx: popshop's settings or
    /// account, not the fan). Nothing was charged; the hold is released.
    Refused,
    /// The provider did not answer, even after retries. Nothing was charged.
    Unavailable,
    /// With Stripe Connect: the artist's Stripe account cannot take
    /// payments yet (onboarding not finished). Nothing was held.
    NotTakingPayments,
    /// The promo code is unknown here, ended or used up. Nothing was held.
    Promo(PromoProblem),
}

/// The artist's code `code` if a fan of `drop` may use it now. Every try
/// counts against the client's and the drop's allowance first (a guesser
/// is stopped before any look-up), and every code that cannot be used gets
/// the same answer on the page (`i18n::promo_problem`). A code carried with
/// its seal ([`promo_seal`]: popshop found it usable here before) is no
/// guess: it is looked up again without counting, so a fan who applied a
/// code can fill a cart and pay without running out of tries.
pub async fn usable_promo(
    sales: &Sales,
    drop: &Drop,
    code: &str,
    seal: &str,
    client: &Client,
) -> anyhow::Result<Result<PromoCode, PromoProblem>> {
    let sealed = promo_sealed(sales, drop, code, seal);
    if !sealed && sales.limits.try_code(client, &drop.id).is_err() {
        return Ok(Err(PromoProblem::TooManyTries));
    }
    let usable = match sales.store.promo_for(&drop.account_id, code).await? {
        None => Err(PromoProblem::Unknown),
        Some(promo) => promo.check(drop, sales.store.now_ms()).map(|()| promo),
    };
    if usable.is_err() && !sealed {
        sales.limits.code_missed(&drop.id);
    }
    Ok(usable)
}

/// The seal the storefront carries with a code [`usable_promo`] found
/// usable on `drop`.
pub fn promo_seal(sales: &Sales, drop: &Drop, code: &str) -> String {
    crate::seal::seal(sales.store.signing_key(), &seal_message(drop, code))
}

/// Whether `seal` is [`promo_seal`]'s for `code` on `drop`.
pub fn promo_sealed(sales: &Sales, drop: &Drop, code: &str, seal: &str) -> bool {
    crate::seal::is_sealed(sales.store.signing_key(), &seal_message(drop, code), seal)
}

fn seal_message(drop: &Drop, code: &str) -> String {
    format!("popshop-promo:{}:{code}", drop.id)
}

/// A hold taken, with what the provider's page needs.
struct Held {
    order: Box<crate::domain::Order>,
    payout: Option<(String, i64)>,
    promo: Option<PromoCode>,
    known_session: Option<crate::payments::CheckoutSession>,
}

/// Why no hold was taken.
enum NotHeld {
    /// The fan's answer.
    Outcome(CheckoutOutcome),
    /// A product's price changed since `drop` was read (another instance
    /// opened a new wave): read it again.
    PriceChanged,
}

#[tracing::instrument(skip_all, fields(drop = %purchase.drop.id, units = Pick::units(&purchase.picks)))]
pub async fn start_checkout(sales: &Sales, purchase: Purchase<'_>) -> anyhow::Result<CheckoutOutcome> {
    let outcome = hold_and_open(sales, purchase).await;
    let result = match &outcome {
        Ok(CheckoutOutcome::Pay { .. }) => "started",
        Ok(CheckoutOutcome::Refused | CheckoutOutcome::Unavailable | CheckoutOutcome::NotTakingPayments) | Err(_) => {
            "failed"
        }
        Ok(_) => "refused",
    };
    metrics::counter!("popshop_checkouts_total", "result" => result).increment(1);
    outcome
}

/// [`start_checkout`]'s work: the hold, then the provider's page.
async fn hold_and_open(sales: &Sales, purchase: Purchase<'_>) -> anyhow::Result<CheckoutOutcome> {
    if let Err(retry_after) = sales.limits.check(crate::web::Action::Checkout, &purchase.client) {
        return Ok(CheckoutOutcome::RateLimited { retry_after });
    }
    // Each line's price is checked against its product's row in the
    // reservation's own update; a copy read before a new wave changed it is
    // read again once.
    let mut fresh: Option<Drop> = None;
    let (drop, held) = loop {
        let drop = fresh.as_ref().unwrap_or(purchase.drop);
        match hold(sales, &purchase, drop).await? {
            Ok(held) => break (drop, held),
            Err(NotHeld::Outcome(outcome)) => return Ok(outcome),
            Err(NotHeld::PriceChanged) if fresh.is_none() => match sales.store.drop_by_id(&purchase.drop.id).await? {
                Some(read) => fresh = Some(read),
                None => return Ok(CheckoutOutcome::Ended),
            },
            // Changed again at once: rarer than rare; the fan tries again.
            Err(NotHeld::PriceChanged) => return Ok(CheckoutOutcome::Unavailable),
        }
    };
    let Held { order, payout, promo, known_session } = held;

    let public = sales.rules.base_url.as_str();
    let request = CheckoutRequest {
        order_id: order.id.clone(),
        items: order
            .lines
            .iter()
            .map(|line| {
                let name = i18n::line_item(drop.language, &drop.slogan, line);
                CheckoutItem {
                    // Stripe's page shows the code with the price it gave.
                    name: match &promo {
                        Some(p) if p.covers(line.product) => {
                            format!("{name} · {}", i18n::promo_label(drop.language, p, drop.has_merch_table()))
                        }
                        _ => name,
                    },
                    image_url: format!("{public}/d/{}/card.png?v={}", drop.slug, purchase.card_key),
                    unit_amount: line.unit_amount,
                    quantity: line.quantity,
                    tax_code: line.product.spec().tax_code,
                }
            })
            .collect(),
        shipping: drop.shipping,
        delivery: drop.delivery,
        success_url: format!("{public}/d/{}/thanks?session_id={{CHECKOUT_SESSION_ID}}", drop.slug),
        cancel_url: format!("{public}/d/{}/cancelled?order={}", drop.slug, order.id),
        session_minutes: sales.rules.checkout_minutes,
        tax: order.tax_mode,
        payout,
        language: drop.language,
        shipping_name: i18n::text(
            drop.language,
            if drop.shipping.minor() == 0 { "shipping-free-rate" } else { "shipping-standard-rate" },
        ),
    };
    match sales.payments.create_checkout(&request).await {
        Ok(session) => {
            if known_session.as_ref() != Some(&session)
                && !sales.store.attach_session(&order.id, &session.id, &session.url).await?
            {
                // The provider took so long that the hold ran out and was
                // released: nobody may pay on this page.
                tracing::warn!(order = %order.id, "the hold ended before the checkout page came back; closing it");
                let mut late = (*order).clone();
                late.session_id = Some(session.id);
                if let Err(e) = sales.payments.close_session(&late).await {
                    tracing::warn!(order = %order.id, error = %e, "could not close the late checkout page");
                }
                return Ok(CheckoutOutcome::Unavailable);
            }
            Ok(CheckoutOutcome::Pay { url: session.url })
        }
        Err(err) => {
            sales.store.release(&order.id, OrderStatus::Failed).await?;
            Ok(match err {
                ProviderError::Rejected(reason) | ProviderError::NotFound(reason) => {
                    // A 4xx is popshop's request or account, never the fan:
                    // the log says what Stripe said, the fan gets a clear page.
                    tracing::error!(order = %order.id, %reason, "the payment provider refused to open a checkout");
                    sales.store.record_checkout_refusal(&drop.id, &order.id, &reason).await?;
                    CheckoutOutcome::Refused
                }
                ProviderError::Unavailable(reason) => {
                    tracing::warn!(order = %order.id, %reason, "the payment provider is unavailable");
                    CheckoutOutcome::Unavailable
                }
                ProviderError::AlreadyDone => CheckoutOutcome::Unavailable,
            })
        }
    }
}

/// Takes the hold for `purchase` at `drop`'s price (and its code's).
async fn hold(sales: &Sales, purchase: &Purchase<'_>, drop: &Drop) -> anyhow::Result<Result<Held, NotHeld>> {
    let promo = match &purchase.code {
        None => None,
        Some(code) => match usable_promo(sales, drop, code, &purchase.code_seal, &purchase.client).await? {
            Ok(promo) => Some(promo),
            Err(problem) => return Ok(Err(NotHeld::Outcome(CheckoutOutcome::Promo(problem)))),
        },
    };
    // Each line at its product's price, less the code's share.
    let mut lines = Vec::with_capacity(purchase.picks.len());
    let mut list_prices = Vec::new();
    for pick in &purchase.picks {
        let Some(sold) = drop.product(pick.product) else {
            return Ok(Err(NotHeld::Outcome(CheckoutOutcome::SoldOut)));
        };
        lines.push(super::cart::line(sold, pick, promo.as_ref()));
        if !list_prices.iter().any(|(p, _)| *p == pick.product) {
            list_prices.push((pick.product, sold.price.minor()));
        }
    }
    // A code that covers none of the lines is no code for this cart.
    if let Some(p) = &promo
        && !lines.iter().any(|l| p.covers(l.product))
    {
        return Ok(Err(NotHeld::Outcome(CheckoutOutcome::Promo(PromoProblem::Unknown))));
    }
    // With Connect the money goes to the artist's own account, popshop's fee
    // taken on the way; a drop whose artist cannot take charges sells nothing.
    let payout = match sales.payments.connect_fee() {
        None => None,
        Some(fee) => match &drop.payments_to {
            Some(account) => {
                let total = lines.iter().map(|l| l.amount().minor()).sum::<i64>() + drop.shipping.minor();
                Some((account.clone(), fee.on(total)))
            }
            None => return Ok(Err(NotHeld::Outcome(CheckoutOutcome::NotTakingPayments))),
        },
    };
    let hold_minutes = sales.rules.hold_minutes;
    let order_id = OrderId::new(new_id());
    let known_session = sales.payments.predetermined_session(&order_id);
    let new_order = NewOrder {
        id: order_id,
        session: known_session.clone().map(|s| (s.id, s.url)),
        drop_id: drop.id.clone(),
        lines,
        list_prices,
        shipping_cost: drop.shipping,
        provider: sales.payments.name(),
        expires_at: sales.store.now_ms() + hold_minutes * 60_000,
        client_key: purchase.client.key(),
        shirts_per_client: sales.rules.shirts_per_client(drop),
        payout: payout.clone(),
        source: purchase.source.clone(),
        promo: promo.as_ref().map(|p| (p.id.clone(), p.code.clone())),
        tax: if sales.rules.stripe_tax { drop.price.currency().tax_mode() } else { crate::domain::TaxMode::None },
    };
    let order = match sales.store.reserve(&new_order).await? {
        Reservation::Reserved(order) => order,
        Reservation::PriceChanged => return Ok(Err(NotHeld::PriceChanged)),
        refused => {
            return Ok(Err(NotHeld::Outcome(match refused {
                Reservation::SoldOut { product, left } if drop.has_merch_table() => {
                    CheckoutOutcome::ProductShort { product, left }
                }
                Reservation::SoldOut { left: 0, .. } => CheckoutOutcome::SoldOut,
                Reservation::SoldOut { left, .. } => CheckoutOutcome::OnlyLeft { left },
                Reservation::TooManyHolds { open } => CheckoutOutcome::TooManyHolds { open, hold_minutes },
                Reservation::PromoGone => CheckoutOutcome::Promo(PromoProblem::UsedUp),
                Reservation::PromoHeld => CheckoutOutcome::Promo(PromoProblem::AlreadyHeld),
                Reservation::NotLive | Reservation::Reserved(_) | Reservation::PriceChanged => CheckoutOutcome::Ended,
            })));
        }
    };
    Ok(Ok(Held { order, payout, promo, known_session }))
}

/// The fan backed out: close the provider's page, then put the shirts back.
/// If the page turns out to be paid already, the payment is applied instead;
/// if the provider cannot be reached, the hold stays until the sweeper
/// manages to close it (so nobody pays for a released shirt).
#[tracing::instrument(skip_all, fields(order = %order.id))]
pub async fn cancel_checkout(sales: &Sales, order: &crate::domain::Order) -> anyhow::Result<()> {
    match sales.payments.close_session(order).await {
        Ok(None) | Err(crate::payments::ProviderError::NotFound(_)) => {
            if sales.store.release(&order.id, OrderStatus::Cancelled).await? {
                tracing::info!("checkout cancelled; stock released");
            }
        }
        Ok(Some(now)) => {
            super::payment_events::apply_session_now(sales, &now).await?;
        }
        Err(e) => tracing::warn!(error = %e, "could not close the checkout page; the hold stays until the sweep"),
    }
    Ok(())
}
