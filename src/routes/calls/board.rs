//! `/c/{slug}`: the call's public board. Fans send an idea (one line, the
//! same rules as a slogan, an optional name to credit) and vote; each idea
//! is shown as a shirt. Same ideas merge (case and spacing aside) into one
//! with more support. Limits: ideas per minute per client address
//! (`POPSHOP_IDEA_RATE`), ideas per call per fan ([`IDEAS_PER_FAN`]), ideas
//! per call (`POPSHOP_IDEAS_PER_CALL`) and votes per minute per address
//! (`POPSHOP_VOTE_RATE`).

use super::{call_at, fan_of};
use crate::auth::{CsrfToken, MaybeArtist, csrf};
use crate::calls::Sent;
use crate::domain::call::parse_credit;
use crate::domain::{Call, Idea, Slogan};
use crate::i18n::{self, Arg, Localized};
use crate::state::AppState;
use crate::store::Board;
use crate::web::Client;
use crate::web::error::AppError;
use crate::web::layout::{Layout, ShareLinks};
use crate::web::page::render;
use crate::web::problem::with_retry_after;
use crate::web::rate::retry_after_secs;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

pub use crate::calls::IDEAS_PER_FAN;

/// One idea as the board shows it.
pub struct IdeaCard {
    pub idea: Idea,
    pub picture: String,
    pub alt: String,
    /// The fan looking has voted for it.
    pub voted: bool,
    /// It became the shirt.
    pub winner: bool,
}

#[derive(Template)]
#[template(path = "calls/board.html")]
pub struct BoardPage {
    pub layout: Layout,
    pub csrf: String,
    pub call: Call,
    pub open: bool,
    /// "1h 52m" left, while open.
    pub time_left: Option<String>,
    pub board: Board,
    pub ideas: Vec<IdeaCard>,
    /// The idea as typed, and its messages, when it comes back refused.
    pub text: String,
    pub credit: String,
    pub text_error: Option<String>,
    pub credit_error: Option<String>,
    /// "Thanks — your idea is on the board" and the like.
    pub notice: Option<String>,
    pub url: String,
    /// The artist who opened the call is looking: moderation and *Launch this*.
    pub owner: bool,
    pub share: ShareLinks,
    /// An idea with `__ID__` for its id, which the page's script copies for
    /// ideas that arrive live.
    pub blank: Option<IdeaCard>,
}

#[derive(serde::Deserialize)]
pub struct BoardQuery {
    board: Option<String>,
    sent: Option<String>,
    merged: Option<String>,
}

/// The call, only for the artist who opened it (anyone else: a 404).
fn owned(call: Call, artist: &crate::auth::Artist) -> Result<Call, AppError> {
    if call.account_id == artist.0.id { Ok(call) } else { Err(AppError::NotFound) }
}

async fn page(
    state: &AppState,
    call: Call,
    csrf: &CsrfToken,
    board: Board,
    owner: bool,
) -> Result<BoardPage, AppError> {
    let lang = call.language;
    let now = state.store.now_ms();
    let voted = state.store.votes_of(&call.id, &fan_of(csrf)).await?;
    let ideas = state
        .store
        .ideas_of(&call.id, board, owner)
        .await?
        .into_iter()
        .map(|idea| IdeaCard {
            picture: format!("/c/{}/ideas/{}.svg", call.slug, idea.id),
            alt: i18n::text_with(lang, "picture-alt", &[("slogan", Arg::Text(idea.text.clone()))]),
            voted: voted.contains(&idea.id),
            winner: idea.id.as_str() == call.winner_idea,
            idea,
        })
        .collect();
    let url = format!("{}/c/{}", state.settings.base_url(), call.slug);
    let mut layout = Layout::house(lang, &call.question).drop_language().signed_in(owner, &csrf.0);
    let description =
        i18n::text_with(lang, "call-meta-description", &[("artist", Arg::Text(call.artist_name.clone()))]);
    layout.meta = Some(crate::web::layout::SocialMeta {
        title: call.question.clone(),
        description: description.clone(),
        url: url.clone(),
        image: Some(format!("{url}/card.png")),
    });
    let share = ShareLinks::new(&format!("{} — {description}", call.question), url.clone());
    let blank = IdeaCard {
        picture: format!("/c/{}/ideas/__ID__.svg", call.slug),
        alt: String::new(),
        voted: false,
        winner: false,
        idea: Idea {
            id: "__ID__".into(),
            call_id: call.id.clone(),
            text: String::new(),
            credit: String::new(),
            votes: 0,
            hidden: false,
            pinned: false,
            taken_down: false,
            created_at: now,
        },
    };
    Ok(BoardPage {
        layout,
        share,
        csrf: csrf.0.clone(),
        open: call.is_open(now),
        time_left: call.is_open(now).then(|| i18n::time_left(lang, (call.ends_at - now) / 1000)),
        url,
        call,
        board,
        ideas,
        text: String::new(),
        credit: String::new(),
        text_error: None,
        credit_error: None,
        notice: None,
        owner,
        blank: Some(blank),
    })
}

pub async fn show(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<BoardQuery>,
    csrf: CsrfToken,
    artist: MaybeArtist,
) -> Result<HttpResponse, AppError> {
    let call = call_at(&state, &slug).await?;
    let board = if query.board.as_deref() == Some("new") { Board::New } else { Board::Top };
    let owner = artist.0.as_ref().is_some_and(|a| a.id == call.account_id);
    let mut page = page(&state, call, &csrf, board, owner).await?;
    let lang = page.call.language;
    if query.sent.is_some() {
        page.notice = Some(i18n::text(lang, "call-sent"));
    } else if query.merged.is_some() {
        page.notice = Some(i18n::text(lang, "call-merged"));
    }
    Ok(crate::web::headers::no_store(render(StatusCode::OK, &page)?))
}

/// `POST /c/{slug}/ideas`.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    csrf_token: CsrfToken,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let call = call_at(&state, &slug).await?;
    let lang = call.language;
    let back = format!("/c/{}", call.slug);
    let typed: String = form.get("idea").chars().take(400).collect();
    let typed_credit: String = form.get("credit").chars().take(200).collect();
    let refuse = |page: &mut BoardPage, status: StatusCode| {
        page.text = typed.clone();
        page.credit = typed_credit.clone();
        render(status, &*page).map(crate::web::headers::no_store)
    };
    if !call.is_open(state.store.now_ms()) {
        return Ok(crate::web::redirect(back));
    }
    let text = Slogan::parse(&typed);
    let credit = parse_credit(&typed_credit);
    if text.is_err() || credit.is_err() {
        let mut page = page(&state, call, &csrf_token, Board::Top, false).await?;
        page.text_error = text.as_ref().err().map(|e| e.localized(lang));
        page.credit_error = credit.as_ref().err().map(|e| e.localized(lang));
        return refuse(&mut page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (Ok(text), Ok(credit)) = (text, credit) else { unreachable!("checked above") };
    // A cookie popshop did not sign is no fan; the page that comes back
    // carries a signed one, so sending again works.
    let Some(fan) = csrf::fan_of(&req) else {
        let mut page = page(&state, call, &csrf_token, Board::Top, false).await?;
        page.text_error = Some(i18n::text(lang, "call-send-again"));
        return refuse(&mut page, StatusCode::FORBIDDEN);
    };
    let (message, secs) = match state.calls().send(&call, &text, &credit, &fan, &client).await? {
        Sent::New(idea) => return Ok(crate::web::redirect(format!("{back}?sent=1#idea-{}", idea.id))),
        // Merged into a hidden idea: the answer names no id (the fan's vote
        // does not count for a hidden idea either).
        Sent::Merged(idea) if idea.hidden => return Ok(crate::web::redirect(format!("{back}?merged=1"))),
        Sent::Merged(idea) => return Ok(crate::web::redirect(format!("{back}?merged=1#idea-{}", idea.id))),
        Sent::Closed => return Ok(crate::web::redirect(back)),
        Sent::FanDone => (i18n::text_with(lang, "call-too-many-ideas", &[("max", Arg::Number(IDEAS_PER_FAN))]), 3600),
        Sent::Full { on_board } => (i18n::text_with(lang, "call-full", &[("max", Arg::Number(on_board))]), 3600),
        Sent::SlowDown { retry_after } => {
            let secs = retry_after_secs(retry_after);
            (i18n::text_with(lang, "call-slow-down", &[("seconds", Arg::Number(secs as i64))]), secs)
        }
    };
    let mut page = page(&state, call, &csrf_token, Board::Top, false).await?;
    page.text_error = Some(message);
    Ok(with_retry_after(refuse(&mut page, StatusCode::TOO_MANY_REQUESTS)?, secs))
}

/// `POST /c/{slug}/ideas/{id}/vote` with `vote=up` or `vote=back`.
#[tracing::instrument(skip_all)]
pub async fn vote(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let (slug, idea_id) = path.into_inner();
    let call = call_at(&state, &slug).await?;
    let back = format!("/c/{}#idea-{idea_id}", call.slug);
    let up = form.get("vote") != "back";
    // A cookie popshop did not sign is no fan: nothing is counted.
    let Some(fan) = csrf::fan_of(&req) else { return Ok(crate::web::redirect(back)) };
    if let Err(wait) = state.calls().vote(&call, &idea_id, &fan, up, &client).await? {
        return Err(AppError::TooMany { retry_after: retry_after_secs(wait) });
    }
    // The page's script votes in place: it gets the idea's count back
    // instead of the board again (without it, the form reloads the page).
    let wants_json = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if wants_json && let Some(idea) = state.store.idea(&call.id, &idea_id).await? {
        let lang = call.language;
        let voted = state.store.votes_of(&call.id, &fan).await?.contains(&idea.id);
        return Ok(HttpResponse::Ok().insert_header((actix_web::http::header::CACHE_CONTROL, "no-store")).json(
            serde_json::json!({
                "voted": voted,
                "votes_label": i18n::text_with(lang, "call-votes", &[("count", Arg::Number(idea.votes))]),
                "said": i18n::text(lang, if voted { "call-vote-counted" } else { "call-vote-taken-back" }),
            }),
        ));
    }
    Ok(crate::web::redirect(back))
}

/// `POST /c/{slug}/ideas/{id}/moderate` with `action` = hide, show, pin or
/// unpin: the call's artist only (anyone else gets a 404).
#[tracing::instrument(skip_all)]
pub async fn moderate(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    artist: crate::auth::Artist,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let (slug, idea_id) = path.into_inner();
    let call = owned(call_at(&state, &slug).await?, &artist)?;
    let (hidden, pinned) = match form.get("action") {
        "hide" => (Some(true), None),
        "show" => (Some(false), None),
        "pin" => (None, Some(true)),
        "unpin" => (None, Some(false)),
        _ => return Err(AppError::BadRequest),
    };
    if !state.store.moderate_idea(&call, &idea_id, hidden, pinned).await? {
        return Err(AppError::NotFound);
    }
    let back = format!("/c/{}#idea-{idea_id}", call.slug);
    Ok(crate::web::redirect(back))
}

/// `POST /c/{slug}/end`: the artist closes the call early, once confirmed.
#[tracing::instrument(skip_all)]
pub async fn end(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    artist: crate::auth::Artist,
    lang: crate::web::PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let call = owned(call_at(&state, &slug).await?, &artist)?;
    let back = format!("/c/{}", call.slug);
    if !crate::web::confirm::confirmed(&form) {
        let (lang, action) = (lang.0, format!("{back}/end"));
        let t = |id: &str| i18n::text(lang, id);
        return crate::web::confirm::ask(crate::web::confirm::ConfirmPage {
            layout: Layout::house(lang, &t("call-end-heading")),
            heading: &t("call-end-heading"),
            message: &t("call-end-message"),
            action: &action,
            csrf: form.get(csrf::CSRF_FIELD),
            button: &t("call-end"),
            back_url: &back,
            back_label: &t("call-keep-open"),
        });
    }
    state.store.end_call(&call.id, &artist.0.id).await?;
    Ok(crate::web::redirect(back))
}
