//! `/admin/drops/{id}`: one drop as an operator sees it, with *Take down*
//! (a reason required; fans see it) or *Restore*.

use crate::auth::{Artist, CsrfToken, csrf};
use crate::domain::{Drop, ModerationText};
use crate::i18n;
use crate::state::AppState;
use crate::web::PageLanguage;
use crate::web::confirm;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "admin/drop.html")]
pub struct AdminDropPage {
    pub layout: Layout,
    pub csrf: String,
    pub drop: Drop,
    pub artist_email: String,
    pub state: String,
    pub revenue: String,
    /// When and why it was taken down.
    pub takedown: Option<(String, String)>,
    /// The refunds asked for, and paid orders not asked for yet.
    pub refunds: crate::store::RefundProgress,
    /// The reason typed, sent back with its message.
    pub reason: String,
    pub error: Option<String>,
}

async fn load(state: &AppState, id: &str) -> Result<(Drop, String, crate::store::RefundProgress), AppError> {
    let drop = state.store.drop_by_id(id).await?.ok_or(AppError::NotFound)?;
    let email = state.store.account_by_id(&drop.account_id).await?.map(|a| a.email).unwrap_or_default();
    let refunds = state.store.refund_progress(&drop.id).await?;
    Ok((drop, email, refunds))
}

fn page(
    lang: crate::domain::Language,
    csrf: String,
    (drop, artist_email, refunds): (Drop, String, crate::store::RefundProgress),
    now: i64,
) -> AdminDropPage {
    let state = drop.state(now);
    AdminDropPage {
        layout: Layout::house(lang, &drop.slogan).signed_in(true, &csrf),
        csrf,
        state: i18n::text(lang, &format!("state-{}", state.key())),
        revenue: i18n::money(lang, drop.revenue()),
        takedown: drop.takedown.as_ref().map(|t| (i18n::date_time_utc(lang, t.at_ms), t.reason.to_string())),
        drop,
        artist_email,
        refunds,
        reason: String::new(),
        error: None,
    }
}

pub async fn show(
    state: web::Data<AppState>,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::operator(&state, artist).await?;
    let loaded = load(&state, &id).await?;
    render(StatusCode::OK, &page(lang.0, csrf.0, loaded, state.store.now_ms()))
}

/// What both actions start with: the checked form, the operator, the drop
/// and its artist's email, and the drop's console page.
struct Posted {
    form: crate::web::forms::FormData,
    operator: crate::store::Account,
    drop: Drop,
    email: String,
    refunds: crate::store::RefundProgress,
    back: String,
}

async fn posted(
    req: &HttpRequest,
    state: &AppState,
    artist: Artist,
    id: &str,
    body: &[u8],
) -> Result<Posted, AppError> {
    let form = csrf::verified_form(req, body)?;
    let operator = super::operator(state, artist).await?;
    let (drop, email, refunds) = load(state, id).await?;
    let back = format!("/admin/drops/{}", drop.id);
    Ok(Posted { form, operator, drop, email, refunds, back })
}

/// `POST /admin/drops/{id}/takedown`: with a reason, once confirmed.
pub async fn take_down(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let t = |id: &str| i18n::text(lang, id);
    let Posted { form, operator, drop, email, refunds, back } = posted(&req, &state, artist, &id, &body).await?;
    let Some(reason) = ModerationText::parse(form.get("reason")) else {
        let loaded = (drop, email, refunds);
        let mut page = page(lang, form.get(csrf::CSRF_FIELD).to_owned(), loaded, state.store.now_ms());
        page.reason = form.get("reason").chars().take(600).collect();
        page.error = Some(t("admin-reason-needed"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    if !confirm::confirmed(&form) {
        return super::ConfirmWithReason::ask(
            lang,
            ["admin-takedown-title", "admin-takedown-message", "admin-takedown-button"],
            format!("{back}/takedown"),
            form.get(csrf::CSRF_FIELD),
            &reason,
            back,
        );
    }
    state.moderation().take_down(&operator, &drop, &reason).await?;
    Ok(crate::web::redirect(back))
}

/// `POST /admin/drops/{id}/restore`: back on sale as it was, once confirmed.
pub async fn restore(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let Posted { form, operator, drop, back, .. } = posted(&req, &state, artist, &id, &body).await?;
    if !confirm::confirmed(&form) {
        let words = ["admin-restore-title", "admin-restore-message", "admin-restore-button"];
        return super::ask_plain(lang, words, &format!("{back}/restore"), form.get(csrf::CSRF_FIELD), &back);
    }
    state.moderation().restore(&operator, &drop, ModerationText::parse(form.get("reason")).as_ref()).await?;
    Ok(crate::web::redirect(back))
}

/// `POST /admin/drops/{id}/refund-all`: every paid order of a taken-down
/// drop refunded through the normal path (by the sweeper, a few at a time;
/// the page shows how far it got), once confirmed.
pub async fn refund_all(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let Posted { form, operator, drop, back, .. } = posted(&req, &state, artist, &id, &body).await?;
    if !confirm::confirmed(&form) {
        let words = ["admin-refund-all-title", "admin-refund-all-message", "admin-refund-all-button"];
        return super::ask_plain(lang, words, &format!("{back}/refund-all"), form.get(csrf::CSRF_FIELD), &back);
    }
    state.moderation().refund_all(&operator, &drop).await?;
    Ok(crate::web::redirect(back))
}
