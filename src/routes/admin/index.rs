//! `GET /admin`: open reports, drops found by a search, the audit log.

use crate::auth::{Artist, CsrfToken};
use crate::domain::Language;
use crate::i18n;
use crate::state::AppState;
use crate::store::{AuditEntry, FoundDrop, Report};
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// Drops a search shows at most, and audit lines.
const FOUND: i64 = 50;
const AUDIT_LINES: i64 = 50;

/// A found drop as the console lists it.
pub struct DropRow {
    pub id: String,
    pub slug: String,
    pub slogan: String,
    pub artist_email: String,
    pub state_key: &'static str,
    pub state: String,
    pub sold: i64,
    pub revenue: String,
    pub open_reports: i64,
}

/// A report in the queue.
pub struct ReportRow {
    pub id: String,
    pub when: String,
    pub reason: String,
    pub note: String,
    /// The storefront or call it is about, when it still exists.
    pub link: Option<(String, String)>,
    /// The console's page for what was reported.
    pub review: String,
}

/// A found account.
pub struct AccountRow {
    pub id: String,
    pub email: String,
    pub created: String,
    pub drops: i64,
    pub sold: i64,
    pub suspended: bool,
    pub operator: bool,
}

/// One audit line.
pub struct AuditRow {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
pub struct AdminPage {
    pub layout: Layout,
    pub csrf: String,
    pub query: String,
    pub drops: Vec<DropRow>,
    pub accounts: Vec<AccountRow>,
    pub calls: Vec<crate::store::FoundCall>,
    pub reports: Vec<ReportRow>,
    pub audit: Vec<AuditRow>,
}

#[derive(serde::Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

pub async fn index(
    state: web::Data<AppState>,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    super::operator(&state, artist).await?;
    let q: String = query.q.trim().chars().take(100).collect();
    let now = state.store.now_ms();
    let drops = state.store.search_drops(&q, FOUND).await?;
    let accounts = state.store.search_accounts(&q, FOUND).await?;
    let calls = state.store.search_calls(&q, FOUND).await?;
    let reports = state.store.open_reports(100).await?;
    let audit = state.store.audit_log(AUDIT_LINES).await?;
    let page = AdminPage {
        layout: Layout::house(lang, &i18n::text(lang, "admin-title")).signed_in(true, &csrf.0),
        csrf: csrf.0,
        query: q,
        drops: drops.into_iter().map(|f| drop_row(lang, f, now)).collect(),
        calls,
        accounts: accounts
            .into_iter()
            .map(|a| AccountRow {
                created: i18n::date_time_utc(lang, a.created_at),
                suspended: a.suspended_at.is_some(),
                operator: a.operator == 1,
                id: a.id,
                email: a.email,
                drops: a.drops,
                sold: a.sold,
            })
            .collect(),
        reports: reports.into_iter().map(|r| report_row(lang, r)).collect(),
        audit: audit.into_iter().map(|a| audit_row(lang, a)).collect(),
    };
    render(StatusCode::OK, &page)
}

fn drop_row(lang: Language, found: FoundDrop, now: i64) -> DropRow {
    let FoundDrop { drop, artist_email, open_reports } = found;
    let state = drop.state(now);
    DropRow {
        id: drop.id.to_string(),
        slug: drop.slug.to_string(),
        slogan: drop.slogan.clone(),
        artist_email,
        state_key: state.key(),
        state: i18n::text(lang, &format!("state-{}", state.key())),
        sold: drop.sold,
        revenue: i18n::money(lang, drop.revenue()),
        open_reports,
    }
}

fn report_row(lang: Language, report: Report) -> ReportRow {
    let base = if report.target_kind == "call" { "/c/" } else { "/d/" };
    ReportRow {
        when: i18n::date_time_utc(lang, report.created_at),
        reason: i18n::text(lang, &format!("report-reason-{}", report.reason)),
        note: report.note,
        link: report.slug.map(|slug| (format!("{base}{slug}"), report.title.unwrap_or(slug))),
        review: format!("/admin/{}s/{}", if report.target_kind == "call" { "call" } else { "drop" }, report.target_id),
        id: report.id,
    }
}

fn audit_row(lang: Language, entry: AuditEntry) -> AuditRow {
    AuditRow {
        when: i18n::date_time_utc(lang, entry.at_ms),
        actor: entry.actor,
        action: entry.action,
        target: format!("{} {}", entry.target_kind, entry.target),
        reason: entry.reason,
    }
}

/// `POST /admin/reports/{id}/dismiss`: dealt with, nothing to take down.
pub async fn dismiss(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    crate::auth::csrf::verified_form(&req, &body)?;
    let operator = super::operator(&state, artist).await?;
    state.moderation().dismiss(&operator, &id).await?;
    Ok(crate::web::redirect("/admin".to_owned()))
}
