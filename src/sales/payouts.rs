//! Paying artists through Stripe Connect (`STRIPE_CONNECT=on`): the artist
//! connects an Express account through Stripe's hosted onboarding; Stripe's
//! answers (a read when the artist comes back, `account.updated` events
//! later) say whether it can take payments and pay out, and the store points
//! the artist's drops at it while it can.

use super::Sales;
use crate::domain::PayoutAccount;
use crate::payments::ProviderError;
use crate::store::Account;

/// What came of asking to connect (or continue connecting) an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Onboarding {
    /// Send the artist to Stripe's onboarding at this URL.
    Go(String),
    /// This popshop does not pay artists through Connect.
    NotConnect,
    /// Stripe refused (a 4xx: popshop's platform settings, not the artist).
    Refused(String),
    /// Stripe did not answer, even after retries.
    Unavailable,
    /// This artist asked for too many links lately; try again after this long.
    Wait(std::time::Duration),
}

/// Where Stripe sends the artist back to (`return`) or when a link expired (`refresh`).
fn urls(sales: &Sales) -> (String, String) {
    let base = sales.rules.base_url.as_str();
    (format!("{base}/dashboard/payouts/continue"), format!("{base}/dashboard/payouts?from=stripe"))
}

/// Makes the artist's Stripe account if there is none yet, then a fresh
/// onboarding link for it.
#[tracing::instrument(skip_all, fields(artist = %artist.id))]
pub async fn start_onboarding(sales: &Sales, artist: &Account) -> anyhow::Result<Onboarding> {
    let Some(stripe) = sales.payments.stripe().filter(|s| s.connect_fee().is_some()) else {
        return Ok(Onboarding::NotConnect);
    };
    // Every GET here costs calls on the platform's Stripe rate limit.
    if let Err(wait) = sales.limits.link_stripe(&artist.id) {
        return Ok(Onboarding::Wait(wait));
    }
    let account = match sales.store.payout_account(&artist.id).await? {
        Some(existing) => existing.stripe_account,
        None => match stripe.create_account(&artist.id, &artist.email).await {
            Ok(made) => {
                let kept = sales.store.save_payout_account(&artist.id, &made).await?;
                tracing::info!(account = %kept, "connected account made");
                kept
            }
            Err(e) => return Ok(refusal(e)),
        },
    };
    let (refresh, back) = urls(sales);
    Ok(match stripe.onboarding_link(&account, &refresh, &back).await {
        Ok(url) => Onboarding::Go(url),
        Err(e) => refusal(e),
    })
}

fn refusal(e: ProviderError) -> Onboarding {
    match e {
        ProviderError::Rejected(why) | ProviderError::NotFound(why) => {
            tracing::error!(reason = %why, "Stripe refused a Connect request");
            Onboarding::Refused(why)
        }
        ProviderError::Unavailable(_) | ProviderError::AlreadyDone => Onboarding::Unavailable,
    }
}

/// Reads the artist's account from Stripe now (the artist just came back
/// from onboarding; webhooks may lag) and applies it. `Ok(None)`: no account,
/// or Connect is off. A failed read keeps what popshop knew.
#[tracing::instrument(skip_all, fields(artist = %artist.id))]
pub async fn refresh_status(sales: &Sales, artist: &Account) -> anyhow::Result<Option<PayoutAccount>> {
    let Some(known) = sales.store.payout_account(&artist.id).await? else { return Ok(None) };
    let Some(stripe) = sales.payments.stripe() else { return Ok(Some(known)) };
    // Read lately: what popshop stored then (and from events since) stands.
    if !sales.limits.may_read_stripe_account(&artist.id) {
        return Ok(Some(known));
    }
    match stripe.retrieve_account(&known.stripe_account).await {
        Ok(now) => {
            sales.store.apply_payout_report(&now, crate::clock::system_now_secs()).await?;
            Ok(sales.store.payout_account(&artist.id).await?)
        }
        Err(e) => {
            tracing::warn!(error = %e, "could not read the connected account; showing what popshop knew");
            Ok(Some(known))
        }
    }
}
