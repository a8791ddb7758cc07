//! `/account`: the artist's address (confirmed or not, and a new one), and
//! which mail about their drops they get.

use super::links::LinkPage;
use crate::auth::{Artist, CsrfToken, csrf};
use crate::domain::{EmailAddress, Language};
use crate::i18n::{self, Arg, Localized};
use crate::state::AppState;
use crate::store::Purpose;
use crate::store::outbox::ARTIST_KINDS;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::{Action, Client, PageLanguage, redirect, render};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "account/settings.html")]
pub struct SettingsPage {
    pub layout: Layout,
    pub csrf: String,
    pub email: String,
    pub confirmed: bool,
    pub notice: Option<String>,
    pub warning: Option<String>,
    /// "We could not reach jo@…": mail to the artist's own address refused.
    pub failed: Vec<String>,
    pub new_email: String,
    pub email_error: Option<String>,
    pub password_error: Option<String>,
    /// (kind, label, on)
    pub switches: Vec<(&'static str, String, bool)>,
}

#[derive(serde::Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    done: String,
}

async fn page(
    state: &AppState,
    artist: &crate::store::Account,
    lang: Language,
    csrf: String,
) -> Result<SettingsPage, AppError> {
    let off = state.store.mail_off(&artist.id).await?;
    let failed = state
        .store
        .failed_mail_to(&artist.email)
        .await?
        .into_iter()
        .take(1)
        .map(|f| crate::mail::could_not_reach(lang, &f))
        .collect();
    Ok(SettingsPage {
        layout: Layout::house(lang, &i18n::text(lang, "settings-title")).signed_in(true, &csrf),
        csrf,
        email: artist.email.clone(),
        confirmed: artist.confirmed,
        notice: None,
        warning: None,
        failed,
        new_email: String::new(),
        email_error: None,
        password_error: None,
        switches: ARTIST_KINDS
            .into_iter()
            .map(|kind| (kind, i18n::text(lang, &format!("settings-mail-{kind}")), !off.iter().any(|o| o == kind)))
            .collect(),
    })
}

pub async fn show(
    state: web::Data<AppState>,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<SettingsQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let mut page = page(&state, &artist.0, lang, csrf.0).await?;
    match query.done.as_str() {
        "resent" => {
            page.notice =
                Some(i18n::text_with(lang, "settings-confirm-sent", &[("email", Arg::Text(artist.0.email.clone()))]))
        }
        "moving" => page.notice = Some(i18n::text(lang, "settings-email-sent")),
        "saved" => page.notice = Some(i18n::text(lang, "settings-mail-saved")),
        "wait" => page.warning = Some(i18n::text(lang, "settings-wait")),
        _ => {}
    }
    render(StatusCode::OK, &page).map(crate::web::headers::no_store)
}

/// Sends the confirmation link again.
pub async fn send_confirmation(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    client: Client,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    csrf::verified_form(&req, &body)?;
    let account = artist.0;
    if account.confirmed {
        return Ok(redirect("/account"));
    }
    let sent = state.limits.check(Action::AccountMail, &client).is_ok()
        && state.store.mail_account_link(&account.id, &account.email, Purpose::Confirm, lang.0).await?;
    Ok(redirect(if sent { "/account?done=resent" } else { "/account?done=wait" }))
}

/// Asks to move the account to a new address: the link goes to the new
/// address; the old one is told once it is confirmed. Needs the password.
#[tracing::instrument(skip_all)]
pub async fn change_email(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    csrf_token: CsrfToken,
    client: Client,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let account = artist.0;
    let mut page = page(&state, &account, lang, csrf_token.0).await?;
    page.new_email = form.get("email").chars().take(254).collect();
    let email = match EmailAddress::parse(form.get("email")) {
        Ok(email) if email.as_str() == account.email => {
            page.email_error = Some(i18n::text(lang, "settings-same-email"));
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        Ok(email) => email,
        Err(e) => {
            page.email_error = Some(e.localized(lang));
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let current = EmailAddress::parse(&account.email).map_err(|_| AppError::NotFound)?;
    if state.accounts().password_matches(&current, form.get("password"), &client).await?.is_none() {
        page.password_error = Some(i18n::text(lang, "settings-wrong-password"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let sent = state.limits.check(Action::AccountMail, &client).is_ok()
        && state.store.mail_account_link(&account.id, email.as_str(), Purpose::ChangeEmail, lang).await?;
    Ok(redirect(if sent { "/account?done=moving" } else { "/account?done=wait" }))
}

/// Saves which artist mail is on.
pub async fn save_mail(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let on = form.all("on");
    let off: Vec<&str> = ARTIST_KINDS.into_iter().filter(|k| !on.iter().any(|o| o == k)).collect();
    state.store.set_mail_off(&artist.0.id, &off).await?;
    Ok(redirect("/account?done=saved#mail-heading"))
}

/// `/unsubscribe/{key}/{kind}`: the page a reader opens from the footer link.
pub async fn unsubscribe_form(
    path: web::Path<(String, String)>,
    csrf: CsrfToken,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let (key, kind) = path.into_inner();
    let kind = ARTIST_KINDS.into_iter().find(|k| *k == kind).ok_or(AppError::NotFound)?;
    let mut page = LinkPage::new(lang, &csrf.0, false, "unsubscribe-title");
    page.paragraphs.push(i18n::text(lang, &format!("unsubscribe-{kind}")));
    page.form = Some((format!("/unsubscribe/{key}/{kind}"), i18n::text(lang, "unsubscribe-button")));
    Ok(crate::web::headers::secret_page(render(StatusCode::OK, &page)?))
}

/// One-click unsubscribe (RFC 8058): a mail client POSTs
/// `List-Unsubscribe=One-Click` with no cookie, so the key in the address is
/// what authorises it (no CSRF token; switching mail off is all it can do).
pub async fn unsubscribe(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    csrf: CsrfToken,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let (key, kind) = path.into_inner();
    let kind = ARTIST_KINDS.into_iter().find(|k| *k == kind).ok_or(AppError::NotFound)?;
    if !crate::web::headers::is_secret(&key) || !state.store.unsubscribe(&key, kind).await? {
        return Err(AppError::NotFound);
    }
    let mut page = LinkPage::new(lang, &csrf.0, false, "unsubscribed-title");
    page.paragraphs.push(i18n::text(lang, "unsubscribed"));
    page.link = Some(("/account#mail-heading".into(), i18n::text(lang, "unsubscribed-settings")));
    Ok(crate::web::headers::secret_page(render(StatusCode::OK, &page)?))
}
