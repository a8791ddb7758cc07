//! `POST /`: the create form's two buttons. *Preview* re-renders the form with
//! the shirt; *Launch* validates everything, signs a visitor up (or logs them in
//! when the email and password match an account), saves the drop and sends the
//! artist to its private page.

use super::form::{DropForm, DropFormErrors};
use super::new::NewDropPage;
use crate::auth::{CsrfToken, MaybeArtist, csrf, session::login_cookie};
use crate::domain::{DropSlug, EmailAddress, FromCall, Password};
use crate::error::AppError;
use crate::forms::FormData;
use crate::i18n::{self, Arg};
use crate::routes::account::render;
use crate::state::AppState;
use crate::store::{Account, CreateAccountError, now_ms};
use crate::web::problem::with_retry_after;
use crate::web::rate::retry_after_secs;
use crate::web::{Client, PageLanguage};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: MaybeArtist,
    csrf_token: CsrfToken,
    client: Client,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let data = FormData::parse(&body);
    csrf::verify(&req, data.get(csrf::CSRF_FIELD))?;
    let form = DropForm::from_form(&data);
    let signed_in = artist.0.is_some();
    // Typed back into the page it comes back in (sent `no-store`); never when signed in.
    let typed_password: String =
        if signed_in { String::new() } else { data.get("password").chars().take(200).collect() };
    let page = |form: DropForm, errors: DropFormErrors| {
        let mut page = NewDropPage::new(lang, form, errors, signed_in, csrf_token.0.clone());
        if page.errors.password.is_none() {
            page.password = typed_password.clone();
        }
        page
    };
    let render = |status, page: &NewDropPage| render(status, page).map(crate::web::headers::no_store);

    if data.get("action") == "shuffle" {
        let mut form = form;
        form.theme = form.next_theme().key.to_owned();
        return render(StatusCode::OK, &page(form, DropFormErrors::default()));
    }
    if data.get("action") == "preview" {
        return render(StatusCode::OK, &page(form, DropFormErrors::default()));
    }

    let (valid, mut errors) = match form.validate(now_ms(), lang) {
        Ok(valid) => (Some(valid), DropFormErrors::default()),
        Err(errors) => (None, *errors),
    };
    let credentials = if signed_in { None } else { form.validate_account(data.get("password"), &mut errors, lang) };
    let (Some(valid), false) = (valid, errors.any()) else {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page(form, errors));
    };
    if let Err(wait) = state.launch_rate.check(&client) {
        let secs = retry_after_secs(wait);
        let minutes = i64::try_from(secs.div_ceil(60)).unwrap_or(i64::MAX);
        errors.form = Some(i18n::text_with(lang, "studio-too-many-launches", &[("minutes", Arg::Number(minutes))]));
        let res = render(StatusCode::TOO_MANY_REQUESTS, &page(form, errors))?;
        return Ok(with_retry_after(res, secs));
    }

    let account = match (artist.0, credentials) {
        (Some(account), _) => account,
        (None, Some((email, password))) => match sign_up_or_log_in(&state, &email, password, &client).await? {
            Some(account) => account,
            None => {
                errors.email = Some(i18n::text(lang, "studio-wrong-password"));
                return render(StatusCode::UNPROCESSABLE_ENTITY, &page(form, errors));
            }
        },
        (None, None) => return render(StatusCode::UNPROCESSABLE_ENTITY, &page(form, errors)),
    };

    // Launching a fan's idea: only from the artist's own call.
    let from_call = match DropSlug::parse(&form.call) {
        Some(slug) if !form.idea.is_empty() => match state.store.call_by_slug(&slug).await? {
            Some(call) if call.account_id == account.id => {
                state.store.idea(&call.id, &form.idea).await?.map(|idea| (call, idea))
            }
            _ => None,
        },
        _ => None,
    };
    let credit = from_call.as_ref().map(|(call, idea)| FromCall {
        call_slug: call.slug.clone(),
        credit: idea.credit.clone(),
        votes: idea.votes,
    });
    let drop = state.store.insert_drop(&valid.for_account(account.id.clone(), credit)).await?;
    if let Some((call, _)) = &from_call {
        state.store.call_became_drop(&call.id, &drop.slug).await?;
    }
    tracing::info!(drop = %drop.id, slug = %drop.slug, "drop launched");
    state.shop.warm(&drop.slug).await;
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, format!("/dashboard/drops/{}?launched=1", drop.id)));
    if !signed_in {
        let token = state.store.create_session(&account.id).await?;
        response.cookie(login_cookie(token, state.settings.secure_cookies()));
    }
    Ok(response.finish())
}

/// A new account for a new email; for a known email, the account only when the
/// password is its password (sign-up must say that the email is taken).
/// Sign-ups count against the client's sign-up rate; a wrong password for an
/// existing account counts as a failed login (the same growing delays).
async fn sign_up_or_log_in(
    state: &AppState,
    email: &EmailAddress,
    password: Password,
    client: &Client,
) -> Result<Option<Account>, AppError> {
    let typed = password.expose().to_owned();
    if let Some((account, stored)) = state.store.account_with_hash(email).await? {
        if let Err(wait) = state.logins.attempt(email.as_str(), client) {
            return Err(AppError::TooMany { retry_after: retry_after_secs(wait) });
        }
        let verified = state.hasher.verify(typed, Some(stored)).await;
        if verified.is_err() {
            state.logins.not_checked(email.as_str(), client);
        }
        if verified? {
            state.logins.succeeded(email.as_str(), client);
            return Ok(Some(account));
        }
        return Ok(None);
    }
    if let Err(wait) = state.signup_rate.check(client) {
        return Err(AppError::TooMany { retry_after: retry_after_secs(wait) });
    }
    let hash = state.hasher.hash(password).await?;
    match state.store.create_account(email, &hash).await {
        Ok(account) => Ok(Some(account)),
        // Taken between the look-up and the insert: the same answer as a wrong password.
        Err(CreateAccountError::EmailTaken) => Ok(None),
        Err(CreateAccountError::Other(e)) => Err(e.into()),
    }
}
