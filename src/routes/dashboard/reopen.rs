//! `POST /dashboard/drops/{id}/reopen`: a second wave. An ended or sold-out
//! drop opens again with more shirts (when stock is limited), a new end
//! (hours from now, or none) and perhaps a new price; its orders, totals and
//! chart carry on, and fans on the old link see it live again. Bad input
//! comes back on the drop's page with what was typed.

use super::drop::drop_page;
use crate::auth::{CsrfToken, OwnedDrop, csrf};
use crate::domain::{DropState, Money};
use crate::i18n::{self, Arg, Localized};
use crate::state::AppState;
use crate::store::NewWave;
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// The longest a wave may run, in hours (30 days).
const MAX_HOURS: i64 = 720;
/// The most shirts one wave may add.
const MAX_ADDED: i64 = 100_000;

#[tracing::instrument(skip_all, fields(drop = %owned.drop.id))]
pub async fn reopen(
    req: HttpRequest,
    state: web::Data<AppState>,
    owned: OwnedDrop,
    csrf_token: CsrfToken,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let OwnedDrop { artist, drop } = owned;
    let back = format!("/dashboard/drops/{}", drop.id);
    let now = state.store.now_ms();
    if drop.state(now) == DropState::Live {
        return Ok(crate::web::redirect(back));
    }
    let clip = |name: &str| form.get(name).chars().take(40).collect::<String>();
    let (add_text, hours_text, price_text) = (clip("add_stock"), clip("hours"), clip("price"));
    let range = |min: i64, max: i64| {
        i18n::text_with(lang, "error-count-range", &[("min", Arg::Number(min)), ("max", Arg::Number(max))])
    };
    let limited = drop.stock.is_some();
    // A sold-out drop (or one with nothing left) needs more shirts to sell.
    let least = if limited && drop.units_left() == Some(0) { 1 } else { 0 };
    let add_stock = match add_text.trim() {
        "" if least > 0 => Err(range(least, MAX_ADDED)),
        text => super::optional_count(text, least, MAX_ADDED, lang).map(Option::unwrap_or_default),
    };
    let ends_at = super::optional_end(&hours_text, now, MAX_HOURS, lang);
    let price = match price_text.trim() {
        "" => Ok(None),
        text => Money::parse_price(text, drop.currency()).map(|m| Some(m.minor())).map_err(|e| e.localized(lang)),
    };
    let (Ok(add_stock), Ok(ends_at), Ok(price_minor)) = (&add_stock, &ends_at, &price) else {
        let mut page = drop_page(&state, drop, lang, csrf_token).await?;
        page.reopen.add_stock = add_text;
        page.reopen.hours = hours_text;
        page.reopen.price = price_text;
        page.reopen.add_stock_error = add_stock.err();
        page.reopen.hours_error = ends_at.err();
        page.reopen.price_error = price.err();
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page).map(crate::web::headers::no_store);
    };
    let wave = NewWave { ends_at: *ends_at, add_stock: *add_stock, price_minor: *price_minor };
    let to = match state.store.reopen_drop(&drop.id, &artist.id, &wave, now).await? {
        Some(number) => {
            tracing::info!(slug = %drop.slug, wave = number, "drop reopened");
            state.shop.warm(&drop.slug).await;
            format!("{back}?wave={number}")
        }
        None => back,
    };
    Ok(crate::web::redirect(to))
}
