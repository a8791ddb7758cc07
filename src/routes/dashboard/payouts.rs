//! `/dashboard/payouts`: with Stripe Connect (`STRIPE_CONNECT=on`) the artist
//! connects their own Stripe account and sees, in plain words, what Stripe
//! still needs. `GET …/continue` sends them to Stripe's hosted onboarding;
//! Stripe sends them back to `?from=stripe`, which reads the account from
//! Stripe before showing it.

use crate::auth::{Artist, CsrfToken};
use crate::domain::{PayoutAccount, PayoutStatus};
use crate::i18n::{self, Arg};
use crate::sales::payouts::{Onboarding, refresh_status, start_onboarding};
use crate::state::AppState;
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "dashboard/payouts.html")]
pub struct PayoutsPage {
    pub layout: Layout,
    pub csrf: String,
    /// This popshop pays artists through Connect.
    pub connect: bool,
    /// "popshop keeps 5% + 0.30 of each order", or that it keeps nothing.
    pub fee: String,
    pub status: PayoutStatus,
    /// What Stripe needs, in plain words.
    pub needs: Vec<String>,
    /// "acct_…XYZ9": which Stripe account, without the whole id.
    pub account: Option<String>,
    /// Stripe refused or did not answer.
    pub problem: Option<String>,
    /// The artist's address is not confirmed yet: payouts wait for it.
    pub confirm_first: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct PayoutsQuery {
    from: Option<String>,
}

fn page(state: &AppState, lang: crate::domain::Language, csrf: String, account: Option<PayoutAccount>) -> PayoutsPage {
    let fee = state.sales.payments.connect_fee();
    let status = account.as_ref().map_or(PayoutStatus::NotConnected, PayoutAccount::status);
    let needs = match &status {
        PayoutStatus::NeedsDetails(needs) => needs.iter().map(|n| i18n::text(lang, n.message())).collect(),
        _ => Vec::new(),
    };
    PayoutsPage {
        layout: Layout::house(lang, &i18n::text(lang, "payouts-title")).signed_in(true, &csrf),
        csrf,
        connect: fee.is_some(),
        fee: match fee {
            Some(fee) if !fee.is_zero() => i18n::text_with(lang, "payouts-fee", &[("fee", Arg::Text(fee.describe()))]),
            _ => i18n::text(lang, "payouts-fee-none"),
        },
        status,
        needs,
        account: account.map(|a| {
            let tail: String = a.stripe_account.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
            format!("acct_…{tail}")
        }),
        problem: None,
        confirm_first: None,
    }
}

/// "Confirm your email first", for an artist whose address is not confirmed.
fn confirm_first(lang: crate::domain::Language, artist: &crate::store::Account) -> Option<String> {
    (!artist.confirmed)
        .then(|| i18n::text_with(lang, "payouts-confirm-first", &[("email", Arg::Text(artist.email.clone()))]))
}

pub async fn show(
    state: web::Data<AppState>,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<PayoutsQuery>,
) -> Result<HttpResponse, AppError> {
    let account = if query.from.as_deref() == Some("stripe") {
        refresh_status(&state.sales, &artist.0).await?
    } else {
        state.store.payout_account(&artist.0.id).await?
    };
    let mut page = page(&state, lang.0, csrf.0, account);
    if page.connect {
        page.confirm_first = confirm_first(lang.0, &artist.0);
    }
    render(StatusCode::OK, &page).map(crate::web::headers::no_store)
}

/// `GET /dashboard/payouts/continue`: to Stripe's hosted onboarding, with
/// the artist's account made first if there is none. A link, not a form:
/// browsers apply a page's `form-action` policy to where a form's answer
/// redirects, and Stripe's onboarding lives on its own domain; Stripe also
/// uses this address as `refresh_url` (the link expired or was used).
pub async fn resume(
    state: web::Data<AppState>,
    artist: Artist,
    csrf_token: CsrfToken,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    onboard(&state, artist, csrf_token, lang).await
}

async fn onboard(
    state: &AppState,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    // Payouts go to the owner of a confirmed address only.
    if !artist.0.confirmed {
        return Ok(crate::web::redirect("/dashboard/payouts"));
    }
    let (status, problem) = match start_onboarding(&state.sales, &artist.0).await? {
        Onboarding::Go(url) => return Ok(crate::web::redirect(url)),
        Onboarding::NotConnect => {
            return Ok(crate::web::redirect("/dashboard/payouts"));
        }
        Onboarding::Refused(reason) => {
            (StatusCode::CONFLICT, i18n::text_with(lang, "payouts-refused", &[("reason", Arg::Text(reason))]))
        }
        Onboarding::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, i18n::text(lang, "payouts-unavailable")),
        Onboarding::Wait(wait) => {
            let secs = i64::try_from(crate::web::rate::retry_after_secs(wait)).unwrap_or(60);
            (StatusCode::TOO_MANY_REQUESTS, i18n::text_with(lang, "payouts-wait", &[("seconds", Arg::Number(secs))]))
        }
    };
    let account = state.store.payout_account(&artist.0.id).await?;
    let mut page = page(state, lang, csrf.0, account);
    page.problem = Some(problem);
    render(status, &page).map(crate::web::headers::no_store)
}
