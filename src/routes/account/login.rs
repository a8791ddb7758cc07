use super::logged_in_redirect;
use crate::auth::{CsrfToken, MaybeArtist, csrf};
use crate::domain::EmailAddress;
use crate::i18n;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::problem::with_retry_after;
use crate::web::rate::retry_after_secs;
use crate::web::render;
use crate::web::{Client, PageLanguage};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// The login form.
#[derive(Template)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub csrf: String,
    pub next: String,
    pub email: String,
    /// One message for any failure, so the form never tells which emails exist.
    pub error: Option<String>,
}

const MISMATCH: &str = "login-mismatch";
const SLOW_DOWN: &str = "login-slow-down";

pub async fn show(
    csrf: CsrfToken,
    artist: MaybeArtist,
    query: web::Query<super::signup::NextQuery>,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        layout: Layout::house(lang.0, &i18n::text(lang.0, "login-title")).signed_in(artist.0.is_some(), &csrf.0),
        csrf: csrf.0,
        next: query.into_inner().next().unwrap_or_else(|| "/dashboard".into()),
        email: String::new(),
        error: None,
    };
    render(StatusCode::OK, &page)
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf_token: CsrfToken,
    client: Client,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let next = form.get("next");
    let typed_email = form.get("email");
    let page = |error: &str| LoginPage {
        layout: Layout::house(lang, &i18n::text(lang, "login-title")),
        csrf: csrf_token.0.clone(),
        next: next.to_owned(),
        email: typed_email.chars().take(254).collect(),
        error: Some(i18n::text(lang, error)),
    };
    // A blocked account or client is refused before any hashing.
    if let Err(wait) = state.passwords.logins.attempt(typed_email, &client) {
        let res = render(StatusCode::TOO_MANY_REQUESTS, &page(SLOW_DOWN))?;
        return Ok(with_retry_after(res, retry_after_secs(wait)));
    }
    let account = match EmailAddress::parse(typed_email) {
        Ok(email) => state.store.account_with_hash(&email).await?,
        Err(_) => None,
    };
    let (account, hash) = account.map_or((None, None), |(a, h)| (Some(a), Some(h)));
    let ok = match state.passwords.hasher.verify(form.get("password").to_owned(), hash).await {
        Ok(ok) => ok,
        Err(e) => {
            // Not checked: this attempt must not count as a wrong password.
            state.passwords.logins.not_checked(typed_email, &client);
            return Err(e.into());
        }
    };
    match account {
        Some(account) if ok => {
            state.passwords.logins.succeeded(typed_email, &client);
            // Suspended by an operator: said only to whoever knows the
            // password, with the operator's reason.
            if let Some(reason) = state.store.suspension_of(&account.id).await? {
                let mut page = page(MISMATCH);
                page.error =
                    Some(i18n::text_with(lang, "login-suspended", &[("reason", i18n::Arg::Text(reason.to_string()))]));
                return render(StatusCode::FORBIDDEN, &page);
            }
            let token = state.store.create_session(&account.id).await?;
            Ok(logged_in_redirect(
                token,
                if next.is_empty() { "/dashboard" } else { next },
                state.settings.secure_cookies(),
            ))
        }
        _ => render(StatusCode::UNPROCESSABLE_ENTITY, &page(MISMATCH)),
    }
}
