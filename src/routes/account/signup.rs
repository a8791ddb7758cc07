use super::logged_in_redirect;
use crate::auth::{CsrfToken, MaybeArtist, csrf};
use crate::domain::{EmailAddress, Password};
use crate::i18n::{self, Localized};
use crate::state::AppState;
use crate::store::CreateAccountError;
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// The sign-up form.
#[derive(Template)]
#[template(path = "account/signup.html")]
pub struct SignupPage {
    pub layout: Layout,
    pub csrf: String,
    /// Where to go after signing up.
    pub next: String,
    /// The email as typed (the password is never echoed back).
    pub email: String,
    pub email_error: Option<String>,
    pub password_error: Option<String>,
}

/// `?next=/path`: where to return after logging in or signing up.
#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

impl NextQuery {
    pub fn next(self) -> Option<String> {
        self.next.filter(|n| !n.is_empty())
    }
}

pub async fn show(
    csrf: CsrfToken,
    artist: MaybeArtist,
    query: web::Query<NextQuery>,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let next = query.into_inner().next().unwrap_or_else(|| "/".into());
    let page = SignupPage {
        layout: Layout::house(lang.0, &i18n::text(lang.0, "signup-title")).signed_in(artist.0.is_some(), &csrf.0),
        csrf: csrf.0,
        next,
        email: String::new(),
        email_error: None,
        password_error: None,
    };
    render(StatusCode::OK, &page)
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf_token: CsrfToken,
    client: crate::web::Client,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let next = form.get("next").to_owned();
    let email = EmailAddress::parse(form.get("email"));
    let password = Password::parse(form.get("password"));
    let mut page = SignupPage {
        layout: Layout::house(lang, &i18n::text(lang, "signup-title")),
        csrf: csrf_token.0,
        next: next.clone(),
        email: form.get("email").chars().take(254).collect(),
        email_error: email.as_ref().err().map(|e| e.localized(lang)),
        password_error: password.as_ref().err().map(|e| e.localized(lang)),
    };
    let (Ok(email), Ok(password)) = (email, password) else {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    if let Err(wait) = state.limits.check(crate::web::Action::SignUp, &client) {
        page.email_error = Some(i18n::text(lang, "signup-too-many"));
        let res = render(StatusCode::TOO_MANY_REQUESTS, &page)?;
        return Ok(crate::web::problem::with_retry_after(res, crate::web::rate::retry_after_secs(wait)));
    }
    let hash = state.passwords.hasher.hash(password).await?;
    match state.store.create_account(&email, &hash, lang).await {
        Ok(account) => {
            let token = state.store.create_session(&account.id).await?;
            Ok(logged_in_redirect(token, if next.is_empty() { "/" } else { &next }, state.settings.secure_cookies()))
        }
        Err(CreateAccountError::EmailTaken) => {
            page.email_error = Some(i18n::text(lang, "signup-taken"));
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(CreateAccountError::Other(e)) => Err(e.into()),
    }
}
