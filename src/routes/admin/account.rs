//! `/admin/accounts/{id}`: one account as an operator sees it, with
//! *Suspend* (a reason required; sign-in shows it) or *Unsuspend*.

use crate::auth::{Artist, CsrfToken, csrf};
use crate::domain::ModerationText;
use crate::i18n;
use crate::state::AppState;
use crate::store::{Account, FoundAccount};
use crate::web::PageLanguage;
use crate::web::confirm;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "admin/account.html")]
pub struct AdminAccountPage {
    pub layout: Layout,
    pub csrf: String,
    pub account: FoundAccount,
    /// The console's drop search for this account's email.
    pub drops_link: String,
    pub created: String,
    /// When it was suspended.
    pub suspended: Option<String>,
    pub reason: String,
    pub error: Option<String>,
}

async fn load(state: &AppState, id: &str) -> Result<(FoundAccount, Account), AppError> {
    let found = state.store.found_account(id).await?.ok_or(AppError::NotFound)?;
    let account = state.store.account_by_id(id).await?.ok_or(AppError::NotFound)?;
    Ok((found, account))
}

fn page(lang: crate::domain::Language, csrf: String, account: FoundAccount) -> AdminAccountPage {
    AdminAccountPage {
        layout: Layout::house(lang, &account.email).signed_in(true, &csrf),
        csrf,
        created: i18n::date_time_utc(lang, account.created_at),
        drops_link: format!(
            "/admin?q={}#drops",
            form_urlencoded::byte_serialize(account.email.as_bytes()).collect::<String>()
        ),
        suspended: account.suspended_at.map(|at| i18n::date_time_utc(lang, at)),
        account,
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
    let (found, _) = load(&state, &id).await?;
    render(StatusCode::OK, &page(lang.0, csrf.0, found))
}

/// What both actions start with: the checked form, the operator, the
/// account (as the console and the store see it) and its console page.
async fn posted(
    req: &HttpRequest,
    state: &AppState,
    artist: Artist,
    id: &str,
    body: &[u8],
) -> Result<(crate::web::forms::FormData, Account, FoundAccount, Account, String), AppError> {
    let form = csrf::verified_form(req, body)?;
    let operator = super::operator(state, artist).await?;
    let (found, account) = load(state, id).await?;
    let back = format!("/admin/accounts/{}", account.id);
    Ok((form, operator, found, account, back))
}

/// `POST /admin/accounts/{id}/suspend`: with a reason, once confirmed;
/// never one's own account.
pub async fn suspend(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let t = |id: &str| i18n::text(lang, id);
    let (form, operator, found, account, back) = posted(&req, &state, artist, &id, &body).await?;
    let refuse = |found: FoundAccount, message: &str| {
        let mut page = page(lang, form.get(csrf::CSRF_FIELD).to_owned(), found);
        page.reason = form.get("reason").chars().take(600).collect();
        page.error = Some(t(message));
        render(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    if account.id == operator.id {
        return refuse(found, "admin-not-yourself");
    }
    let Some(reason) = ModerationText::parse(form.get("reason")) else {
        return refuse(found, "admin-reason-needed");
    };
    if !confirm::confirmed(&form) {
        return super::ConfirmWithReason::ask(
            lang,
            ["admin-suspend-title", "admin-suspend-message", "admin-suspend-button"],
            format!("{back}/suspend"),
            form.get(csrf::CSRF_FIELD),
            &reason,
            back,
        );
    }
    state.moderation().suspend(&operator, &account, &reason).await?;
    Ok(crate::web::redirect(back))
}

/// `POST /admin/accounts/{id}/unsuspend`, once confirmed.
pub async fn unsuspend(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let (form, operator, _, account, back) = posted(&req, &state, artist, &id, &body).await?;
    if !confirm::confirmed(&form) {
        let words = ["admin-unsuspend-title", "admin-unsuspend-message", "admin-unsuspend-button"];
        return super::ask_plain(lang, words, &format!("{back}/unsuspend"), form.get(csrf::CSRF_FIELD), &back);
    }
    state.moderation().unsuspend(&operator, &account).await?;
    Ok(crate::web::redirect(back))
}
