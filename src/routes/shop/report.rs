//! `/d/{slug}/report` and `/c/{slug}/report`: "Report this shop" and
//! "Report this call" (issue 24). No account needed: a reason
//! (infringement, hate, scam, other) and an optional note go to the
//! operators' queue, at most `REPORTS_PER_HOUR` per address.

use crate::admin::Reported;
use crate::auth::csrf::{self, RequestOrigin};
use crate::domain::{DropSlug, Language, ModerationText, ReportReason};
use crate::i18n;
use crate::state::AppState;
use crate::store::ReportTarget;
use crate::web::Client;
use crate::web::error::AppError;
use crate::web::forms::FormData;
use crate::web::layout::Layout;
use crate::web::page::render;
use crate::web::rate::retry_after_secs;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// One reason to pick.
pub struct ReasonOption {
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "shop/report.html")]
pub struct ReportPage {
    pub layout: Layout,
    /// The reported page (`/d/{slug}`, `/c/{slug}`); the form posts to its `/report`.
    pub page: String,
    /// Its slogan or question.
    pub slogan: String,
    /// "Report this shop", "Report this call".
    pub heading: String,
    pub reasons: Vec<ReasonOption>,
    pub note: String,
    pub error: Option<String>,
    /// Filed: the thanks replace the form.
    pub done: bool,
}

fn page(lang: Language, at: &str, slogan: &str, picked: Option<ReportReason>, note: String) -> ReportPage {
    let t = |id: &str| i18n::text(lang, id);
    let heading = t(if at.starts_with("/c/") { "report-call-link" } else { "report-title" });
    ReportPage {
        layout: Layout::house(lang, &heading),
        heading,
        page: at.to_owned(),
        slogan: slogan.to_owned(),
        reasons: ReportReason::ALL
            .iter()
            .map(|r| ReasonOption {
                key: r.key(),
                label: t(&format!("report-reason-{}", r.key())),
                hint: t(&format!("report-reason-{}-hint", r.key())),
                checked: picked == Some(*r),
            })
            .collect(),
        note,
        error: None,
        done: false,
    }
}

/// What a report is about, as loaded from the path.
struct Target {
    lang: Language,
    at: String,
    title: String,
    kind: &'static str,
    id: String,
}

async fn target(state: &AppState, kind: &'static str, slug: &str) -> Result<Target, AppError> {
    let slug = DropSlug::parse(slug).ok_or(AppError::NotFound)?;
    if kind == "call" {
        let call = state.store.call_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
        return Ok(Target {
            lang: call.language,
            at: format!("/c/{}", call.slug),
            title: call.question,
            kind,
            id: call.id.to_string(),
        });
    }
    let drop = state.store.drop_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    Ok(Target {
        lang: drop.language,
        at: format!("/d/{}", drop.slug),
        title: drop.slogan,
        kind,
        id: drop.id.to_string(),
    })
}

/// `GET /d/{slug}/report`.
pub async fn show(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    show_for(&state, "drop", &slug).await
}

/// `GET /c/{slug}/report`.
pub async fn show_call(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    show_for(&state, "call", &slug).await
}

async fn show_for(state: &AppState, kind: &'static str, slug: &str) -> Result<HttpResponse, AppError> {
    let t = target(state, kind, slug).await?;
    render(StatusCode::OK, &page(t.lang, &t.at, &t.title, None, String::new()))
}

/// `POST /d/{slug}/report`.
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    submit_for(&req, &state, "drop", &slug, &client, &body).await
}

/// `POST /c/{slug}/report`.
pub async fn submit_call(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    submit_for(&req, &state, "call", &slug, &client, &body).await
}

async fn submit_for(
    req: &HttpRequest,
    state: &AppState,
    kind: &'static str,
    slug: &str,
    client: &Client,
    body: &[u8],
) -> Result<HttpResponse, AppError> {
    // Only from popshop's own form (another site cannot file reports in
    // its visitors' names).
    if csrf::origin_of(req, state.settings.base_url()) == RequestOrigin::Cross {
        return Err(AppError::Csrf);
    }
    let form = FormData::parse(body);
    let t = target(state, kind, slug).await?;
    let lang = t.lang;
    let reason = ReportReason::parse(form.get("reason"));
    let typed_note: String = form.get("note").chars().take(600).collect();
    let note = ModerationText::parse(&typed_note);
    let problem = match (reason, &note) {
        (None, _) => Some("report-pick-reason"),
        (Some(ReportReason::Other), None) => Some("report-say-why"),
        _ if typed_note.trim().chars().count() > crate::domain::moderation::MODERATION_TEXT_MAX => {
            Some("report-too-long")
        }
        _ => None,
    };
    if let Some(problem) = problem {
        let mut page = page(lang, &t.at, &t.title, reason, typed_note);
        page.error = Some(i18n::text(lang, problem));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let Some(reason) = reason else { return Err(AppError::BadRequest) };
    let on = if t.kind == "call" { ReportTarget::Call(&t.id) } else { ReportTarget::Drop(&t.id) };
    match state.moderation().report(on, reason, note.as_ref(), client).await? {
        Reported::Filed => {
            let mut page = page(lang, &t.at, &t.title, None, String::new());
            page.done = true;
            render(StatusCode::OK, &page)
        }
        Reported::TooMany(wait) => Err(AppError::TooMany { retry_after: retry_after_secs(wait) }),
    }
}
