//! `/d/{slug}/report`: "Report this shop" (issue 24). No account needed: a
//! reason (infringement, hate, scam, other) and an optional note go to the
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
    pub slug: String,
    pub slogan: String,
    pub reasons: Vec<ReasonOption>,
    pub note: String,
    pub error: Option<String>,
    /// Filed: the thanks replace the form.
    pub done: bool,
}

fn page(lang: Language, slug: &DropSlug, slogan: &str, picked: Option<ReportReason>, note: String) -> ReportPage {
    let t = |id: &str| i18n::text(lang, id);
    ReportPage {
        layout: Layout::house(lang, &t("report-title")),
        slug: slug.to_string(),
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

pub async fn show(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let drop = state.store.drop_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    render(StatusCode::OK, &page(drop.language, &drop.slug, &drop.slogan, None, String::new()))
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    // Only from popshop's own form (another site cannot file reports in
    // its visitors' names).
    if csrf::origin_of(&req, state.settings.base_url()) == RequestOrigin::Cross {
        return Err(AppError::Csrf);
    }
    let form = FormData::parse(&body);
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let drop = state.store.drop_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let lang = drop.language;
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
        let mut page = page(lang, &drop.slug, &drop.slogan, reason, typed_note);
        page.error = Some(i18n::text(lang, problem));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let Some(reason) = reason else { return Err(AppError::BadRequest) };
    match state.moderation().report(ReportTarget::Drop(&drop.id), reason, note.as_ref(), &client).await? {
        Reported::Filed => {
            let mut page = page(lang, &drop.slug, &drop.slogan, None, String::new());
            page.done = true;
            render(StatusCode::OK, &page)
        }
        Reported::TooMany(wait) => Err(AppError::TooMany { retry_after: retry_after_secs(wait) }),
    }
}
