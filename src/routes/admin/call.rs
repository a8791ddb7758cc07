//! `/admin/calls/{id}`: a fans' call as an operator sees it: *Take down* or
//! *Restore* the call, and *Take down* one idea (off the board for good).

use crate::auth::{Artist, CsrfToken, csrf};
use crate::domain::{Call, Idea, ModerationText};
use crate::i18n;
use crate::state::AppState;
use crate::store::{Account, Board};
use crate::web::PageLanguage;
use crate::web::confirm;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "admin/call.html")]
pub struct AdminCallPage {
    pub layout: Layout,
    pub csrf: String,
    pub call: Call,
    pub artist_email: String,
    /// When and why it was taken down.
    pub takedown: Option<(String, String)>,
    pub ideas: Vec<Idea>,
    pub error: Option<String>,
}

async fn load(state: &AppState, id: &str) -> Result<(Call, String, Vec<Idea>), AppError> {
    let call = state.store.call_by_id(id).await?.ok_or(AppError::NotFound)?;
    let email = state.store.account_by_id(&call.account_id).await?.map(|a| a.email).unwrap_or_default();
    let ideas = state.store.ideas_of(&call.id, Board::Top, true).await?;
    Ok((call, email, ideas))
}

fn page(
    lang: crate::domain::Language,
    csrf: String,
    (call, artist_email, ideas): (Call, String, Vec<Idea>),
) -> AdminCallPage {
    AdminCallPage {
        layout: Layout::house(lang, &call.question).signed_in(true, &csrf),
        csrf,
        takedown: call.takedown.as_ref().map(|t| (i18n::date_time_utc(lang, t.at_ms), t.reason.to_string())),
        call,
        artist_email,
        ideas,
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
    render(StatusCode::OK, &page(lang.0, csrf.0, loaded))
}

/// The checked form, the operator, the call (with its artist and ideas)
/// and its console page.
async fn posted(
    req: &HttpRequest,
    state: &AppState,
    artist: Artist,
    id: &str,
    body: &[u8],
) -> Result<(crate::web::forms::FormData, Account, (Call, String, Vec<Idea>), String), AppError> {
    let form = csrf::verified_form(req, body)?;
    let operator = super::operator(state, artist).await?;
    let loaded = load(state, id).await?;
    let back = format!("/admin/calls/{}", loaded.0.id);
    Ok((form, operator, loaded, back))
}

/// `POST /admin/calls/{id}/takedown`, with a reason, once confirmed; with
/// `idea` set, that idea alone.
pub async fn take_down(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let (form, operator, loaded, back) = posted(&req, &state, artist, &id, &body).await?;
    let Some(reason) = ModerationText::parse(form.get("reason")) else {
        let mut page = page(lang, form.get(csrf::CSRF_FIELD).to_owned(), loaded);
        page.error = Some(i18n::text(lang, "admin-reason-needed"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let (call, _, ideas) = loaded;
    let idea_id = form.get("idea");
    if !idea_id.is_empty() {
        // One idea: the button is its own; no second question.
        let idea = ideas.iter().find(|i| i.id == idea_id).ok_or(AppError::NotFound)?;
        state.moderation().take_down_idea(&operator, &call, idea, &reason).await?;
        return Ok(crate::web::redirect(back));
    }
    if !confirm::confirmed(&form) {
        return super::ConfirmWithReason::ask(
            lang,
            ["admin-call-takedown-title", "admin-call-takedown-message", "admin-call-takedown-button"],
            format!("{back}/takedown"),
            form.get(csrf::CSRF_FIELD),
            &reason,
            back,
        );
    }
    state.moderation().take_down_call(&operator, &call, &reason).await?;
    Ok(crate::web::redirect(back))
}

/// `POST /admin/calls/{id}/restore`, once confirmed; with `idea` set, that
/// idea (taken down before) back on the board, at once.
pub async fn restore(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    lang: PageLanguage,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let (form, operator, (call, _, ideas), back) = posted(&req, &state, artist, &id, &body).await?;
    let idea_id = form.get("idea");
    if !idea_id.is_empty() {
        let idea = ideas.iter().find(|i| i.id == idea_id).ok_or(AppError::NotFound)?;
        state.moderation().restore_idea(&operator, &call, idea).await?;
        return Ok(crate::web::redirect(back));
    }
    if !confirm::confirmed(&form) {
        let words = ["admin-call-restore-title", "admin-call-restore-message", "admin-call-restore-button"];
        return super::ask_plain(lang, words, &format!("{back}/restore"), form.get(csrf::CSRF_FIELD), &back);
    }
    state.moderation().restore_call(&operator, &call).await?;
    Ok(crate::web::redirect(back))
}
