//! Stripe Connect's requests that the async-stripe crates in use here do
//! not type (accounts, account links): only the parameters popshop sends,
//! checked in tests against Stripe's published definitions
//! (`tests/fixtures/stripe_openapi_subset.json`), and what popshop keeps of
//! Stripe's account object (read by the provider and by the webhook).

use crate::domain::PayoutAccount;
use serde::Serialize;

#[derive(Serialize)]
pub struct NewAccount<'a> {
    email: &'a str,
    controller: Controller,
    capabilities: Capabilities,
    metadata: Metadata<'a>,
}

#[derive(Serialize)]
struct Controller {
    stripe_dashboard: Dashboard,
    fees: Fees,
    losses: Losses,
}

#[derive(Serialize)]
struct Dashboard {
    #[serde(rename = "type")]
    type_: &'static str,
}

#[derive(Serialize)]
struct Fees {
    payer: &'static str,
}

#[derive(Serialize)]
struct Losses {
    payments: &'static str,
}

#[derive(Serialize)]
struct Capabilities {
    card_payments: Requested,
    transfers: Requested,
}

#[derive(Serialize)]
struct Requested {
    requested: bool,
}

#[derive(Serialize)]
struct Metadata<'a> {
    popshop_account: &'a str,
}

impl<'a> NewAccount<'a> {
    /// An Express account (Stripe-hosted dashboard and onboarding) that
    /// takes card payments and receives transfers; the platform pays
    /// Stripe's fees and is liable for losses, as with destination charges.
    pub fn express(artist_id: &'a str, email: &'a str) -> Self {
        Self {
            email,
            controller: Controller {
                stripe_dashboard: Dashboard { type_: "express" },
                fees: Fees { payer: "application" },
                losses: Losses { payments: "application" },
            },
            capabilities: Capabilities {
                card_payments: Requested { requested: true },
                transfers: Requested { requested: true },
            },
            metadata: Metadata { popshop_account: artist_id },
        }
    }
}

#[derive(Serialize)]
pub struct NewAccountLink<'a> {
    pub account: &'a str,
    pub refresh_url: &'a str,
    pub return_url: &'a str,
    #[serde(rename = "type")]
    pub type_: &'static str,
}

/// What popshop keeps of Stripe's account object.
pub fn payout_account(account: &stripe_shared::Account) -> PayoutAccount {
    let requirements = account.requirements.as_ref();
    PayoutAccount {
        stripe_account: account.id.as_str().to_owned(),
        charges_enabled: account.charges_enabled.unwrap_or(false),
        payouts_enabled: account.payouts_enabled.unwrap_or(false),
        details_submitted: account.details_submitted.unwrap_or(false),
        currently_due: requirements.and_then(|r| r.currently_due.clone()).unwrap_or_default(),
        disabled_reason: requirements
            .and_then(|r| r.disabled_reason.as_ref())
            .map(|reason| reason.as_str().to_owned())
            .unwrap_or_default(),
    }
}
