//! `POST /d/{slug}/restock`: "Tell me when it's back". A fan of a sold-out
//! or ended drop leaves an address; when the artist opens a new wave it
//! gets one mail (`store::waitlist`). No account and no cookie: the same
//! answer whether the address was on the list already; at most
//! `RESTOCK_PER_HOUR` addresses per client and `WAITLIST_PER_DROP` per drop.

use super::storefront::{BuyChoice, page};
use crate::auth::csrf::{self, RequestOrigin};
use crate::domain::{DropSlug, DropState, EmailAddress};
use crate::i18n;
use crate::state::AppState;
use crate::store::Waiting;
use crate::web::Client;
use crate::web::error::AppError;
use crate::web::forms::FormData;
use crate::web::limits::Action;
use crate::web::page::render;
use crate::web::rate::retry_after_secs;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn restock(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    // Only from popshop's own page (another site cannot make its visitors
    // fill the list); the address itself is all it takes.
    if csrf::origin_of(&req, state.settings.base_url()) == RequestOrigin::Cross {
        return Err(AppError::Csrf);
    }
    let form = FormData::parse(&body);
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load(&slug).await?.ok_or(AppError::NotFound)?;
    let drop = &entry.drop;
    let lang = drop.language;
    let now = state.store.now_ms();
    let typed: String = form.get("email").trim().chars().take(254).collect();
    let answer = |choice: BuyChoice, status| render(status, &page(&state, &entry, choice, now));
    if drop.state(now) == DropState::Live {
        // Back already: the page shows the buy form.
        return answer(BuyChoice::default(), StatusCode::OK);
    }
    let email = match EmailAddress::parse(&typed) {
        Ok(email) => email,
        Err(_) => {
            let error = Some(i18n::text(lang, "restock-invalid"));
            let choice = BuyChoice { restock_email: typed, restock_error: error, ..BuyChoice::default() };
            return answer(choice, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    if let Err(wait) = state.limits.check(Action::Restock, &client) {
        return Err(AppError::TooMany { retry_after: retry_after_secs(wait) });
    }
    match state.store.wait_for_restock(drop.id.as_str(), &email).await? {
        Waiting::Listed => answer(BuyChoice { restock_done: true, ..BuyChoice::default() }, StatusCode::OK),
        Waiting::Full => {
            let error = Some(i18n::text(lang, "restock-full"));
            let choice = BuyChoice { restock_email: typed, restock_error: error, ..BuyChoice::default() };
            answer(choice, StatusCode::CONFLICT)
        }
    }
}
