//! The links popshop mails to an account, and the pages around them:
//! "Forgot your password?" (`/password/forgot`), the reset itself
//! (`/password/reset/{token}`), confirming the address given at sign-up
//! (`/account/confirm/{token}`) and a new address (`/account/email/confirm/{token}`).
//!
//! Asking for a link gives the same answer whether an account exists or
//! not, and is bounded per client ([`Action::AccountMail`]) and per account
//! (`store::accounts::LINKS_PER_HOUR`). Following one shows a page with a
//! button (a mail scanner that opens links uses nothing up); an expired or
//! used link gets a clear page with a way to ask again.

use super::logged_in_redirect;
use crate::auth::{CsrfToken, MaybeArtist, csrf};
use crate::domain::{EmailAddress, Language, Password};
use crate::i18n::{self, Arg, Localized};
use crate::state::AppState;
use crate::store::{LinkProblem, Purpose};
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::{Action, Client, PageLanguage, render};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// A short page: a heading, paragraphs, perhaps a one-button form, perhaps a link.
#[derive(Template)]
#[template(path = "account/link.html")]
pub struct LinkPage {
    pub layout: Layout,
    pub csrf: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// (action, button label)
    pub form: Option<(String, String)>,
    /// (href, label)
    pub link: Option<(String, String)>,
}

impl LinkPage {
    pub fn new(lang: Language, csrf: &str, signed_in: bool, heading: &str) -> Self {
        let heading = i18n::text(lang, heading);
        Self {
            layout: Layout::house(lang, &heading).signed_in(signed_in, csrf),
            csrf: csrf.to_owned(),
            heading,
            paragraphs: Vec::new(),
            form: None,
            link: None,
        }
    }
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
pub struct ForgotPage {
    pub layout: Layout,
    pub csrf: String,
    pub email: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "account/reset.html")]
pub struct ResetPage {
    pub layout: Layout,
    pub csrf: String,
    pub token: String,
    /// Whose password this is (and, hidden, for password managers).
    pub email: String,
    pub error: Option<String>,
}

use crate::web::headers::{is_secret, secret_page};

pub async fn forgot(csrf: CsrfToken, artist: MaybeArtist, lang: PageLanguage) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let page = ForgotPage {
        layout: Layout::house(lang, &i18n::text(lang, "forgot-title")).signed_in(artist.0.is_some(), &csrf.0),
        csrf: csrf.0,
        email: String::new(),
        error: None,
    };
    render(StatusCode::OK, &page)
}

/// Mails a reset link if an account uses the address; the answer is the same either way.
#[tracing::instrument(skip_all)]
pub async fn ask_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    csrf_token: CsrfToken,
    client: Client,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let typed = form.get("email");
    let email = match EmailAddress::parse(typed) {
        Ok(email) => email,
        Err(e) => {
            let page = ForgotPage {
                layout: Layout::house(lang, &i18n::text(lang, "forgot-title")),
                csrf: csrf_token.0,
                email: typed.chars().take(254).collect(),
                error: Some(e.localized(lang)),
            };
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    if let Err(wait) = state.limits.check(Action::AccountMail, &client) {
        return Err(AppError::TooMany { retry_after: crate::web::rate::retry_after_secs(wait) });
    }
    if let Some((account, _)) = state.store.account_with_hash(&email).await? {
        state.store.mail_account_link(&account.id, &account.email, Purpose::Reset, lang).await?;
    }
    let mut page = LinkPage::new(lang, &csrf_token.0, false, "forgot-sent-title");
    page.paragraphs.push(i18n::text_with(lang, "forgot-sent", &[("email", Arg::Text(email.to_string()))]));
    page.paragraphs.push(i18n::text(lang, "forgot-sent-spam"));
    page.link = Some(("/login".into(), i18n::text(lang, "forgot-back")));
    render(StatusCode::OK, &page)
}

/// The page for a link that does not work, with the way to ask again.
fn link_problem(lang: Language, csrf: &str, problem: LinkProblem, purpose: Purpose) -> Result<HttpResponse, AppError> {
    let (heading, body) = match problem {
        LinkProblem::Expired => ("link-expired-title", "link-expired"),
        LinkProblem::Used => ("link-used-title", "link-used"),
        LinkProblem::Unknown => ("link-unknown-title", "link-unknown"),
        LinkProblem::AddressTaken => ("link-taken-title", "link-taken"),
    };
    let mut page = LinkPage::new(lang, csrf, false, heading);
    page.paragraphs.push(i18n::text(lang, body));
    page.link = Some(match purpose {
        Purpose::Reset => ("/password/forgot".into(), i18n::text(lang, "link-ask-reset")),
        Purpose::Confirm | Purpose::ChangeEmail => ("/account".into(), i18n::text(lang, "link-ask-confirm")),
    });
    let status = if problem == LinkProblem::Unknown { StatusCode::NOT_FOUND } else { StatusCode::GONE };
    Ok(secret_page(render(status, &page)?))
}

pub async fn reset_form(
    state: web::Data<AppState>,
    token: web::Path<String>,
    csrf: CsrfToken,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let link = if is_secret(&token) {
        state.store.account_link(&token, Purpose::Reset).await?
    } else {
        Err(LinkProblem::Unknown)
    };
    match link {
        Ok(link) => {
            let page = ResetPage {
                layout: Layout::house(lang, &i18n::text(lang, "reset-title")),
                csrf: csrf.0,
                token: token.into_inner(),
                email: link.email,
                error: None,
            };
            Ok(secret_page(render(StatusCode::OK, &page)?))
        }
        Err(problem) => link_problem(lang, &csrf.0, problem, Purpose::Reset),
    }
}

/// Sets the new password, ends every session of the account, and logs this
/// browser in.
#[tracing::instrument(skip_all)]
pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    csrf_token: CsrfToken,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    if !is_secret(&token) {
        return link_problem(lang, &csrf_token.0, LinkProblem::Unknown, Purpose::Reset);
    }
    let link = match state.store.account_link(&token, Purpose::Reset).await? {
        Ok(link) => link,
        Err(problem) => return link_problem(lang, &csrf_token.0, problem, Purpose::Reset),
    };
    let password = match Password::parse(form.get("password")) {
        Ok(password) => password,
        Err(e) => {
            let page = ResetPage {
                layout: Layout::house(lang, &i18n::text(lang, "reset-title")),
                csrf: csrf_token.0,
                token: token.into_inner(),
                email: link.email,
                error: Some(e.localized(lang)),
            };
            return Ok(secret_page(render(StatusCode::UNPROCESSABLE_ENTITY, &page)?));
        }
    };
    let hash = state.passwords.hasher.hash(password).await?;
    match state.store.reset_password(&token, &hash).await? {
        Ok(account) => {
            let session = state.store.create_session(&account.id).await?;
            Ok(logged_in_redirect(session, "/dashboard?password=reset", state.settings.secure_cookies()))
        }
        Err(problem) => link_problem(lang, &csrf_token.0, problem, Purpose::Reset),
    }
}

/// `/account/confirm/{token}` and `/account/email/confirm/{token}`: a page
/// with the button that confirms.
pub async fn confirm_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    csrf: CsrfToken,
    artist: MaybeArtist,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let purpose = purpose_of(&req);
    let link =
        if is_secret(&token) { state.store.account_link(&token, purpose).await? } else { Err(LinkProblem::Unknown) };
    match link {
        Ok(link) => {
            let mut page = LinkPage::new(lang, &csrf.0, artist.0.is_some(), "email-confirm-title");
            page.paragraphs.push(i18n::text_with(lang, "email-confirm-lede", &[("email", Arg::Text(link.email))]));
            page.form = Some((req.path().to_owned(), i18n::text(lang, "email-confirm-button")));
            Ok(secret_page(render(StatusCode::OK, &page)?))
        }
        Err(problem) => link_problem(lang, &csrf.0, problem, purpose),
    }
}

fn purpose_of(req: &HttpRequest) -> Purpose {
    if req.path().starts_with("/account/email/") { Purpose::ChangeEmail } else { Purpose::Confirm }
}

#[tracing::instrument(skip_all)]
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    csrf_token: CsrfToken,
    artist: MaybeArtist,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    csrf::verified_form(&req, &body)?;
    let purpose = purpose_of(&req);
    if !is_secret(&token) {
        return link_problem(lang, &csrf_token.0, LinkProblem::Unknown, purpose);
    }
    match state.store.confirm_address(&token, purpose).await? {
        Ok(account) => {
            let mut page = LinkPage::new(lang, &csrf_token.0, artist.0.is_some(), "confirmed-title");
            page.paragraphs.push(i18n::text_with(lang, "confirmed", &[("email", Arg::Text(account.email))]));
            page.link = Some(("/dashboard".into(), i18n::text(lang, "confirmed-dashboard")));
            Ok(secret_page(render(StatusCode::OK, &page)?))
        }
        Err(problem) => link_problem(lang, &csrf_token.0, problem, purpose),
    }
}
