//! `POST /`: the create form's two buttons. *Preview* re-renders the form with
//! the shirt; *Launch* validates everything, signs a visitor up (or logs them in
//! when the email and password match an account), saves the drop and sends the
//! artist to its private page.

use super::form::{DropForm, DropFormErrors};
use super::new::NewDropPage;
use crate::auth::{CsrfToken, MaybeArtist, csrf, session::login_cookie};
use crate::i18n::{self, Arg};
use crate::launch::IdeaRef;
use crate::state::AppState;

use crate::web::error::AppError;
use crate::web::forms::FormData;
use crate::web::page::render;
use crate::web::problem::with_retry_after;
use crate::web::rate::retry_after_secs;
use crate::web::{Client, PageLanguage};
use actix_web::http::StatusCode;
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
        let mut page = NewDropPage::new(lang, form, errors, signed_in, csrf_token.0.clone(), &state.design);
        if page.errors.password.is_none() {
            page.password = typed_password.clone();
        }
        page
    };
    let render = |status, page: &NewDropPage| render(status, page).map(crate::web::headers::no_store);

    if data.get("action") == "shuffle" {
        let mut form = form;
        form.theme = form.next_theme(&state.design).key.to_owned();
        return render(StatusCode::OK, &page(form, DropFormErrors::default()));
    }
    if data.get("action") == "preview" {
        return render(StatusCode::OK, &page(form, DropFormErrors::default()));
    }

    let (valid, mut errors) = match form.validate(state.store.now_ms(), lang) {
        // *Auto* measured with the fonts: the look the preview showed.
        Ok(valid) => {
            (Some(super::form::ValidDrop { theme: form.theme_in(&state.design), ..valid }), DropFormErrors::default())
        }
        Err(errors) => (None, *errors),
    };
    let credentials = if signed_in { None } else { form.validate_account(data.get("password"), &mut errors, lang) };
    // With Printful on, every size × colour must be one Printful makes:
    // refused now, not after a fan has paid.
    if let (Some(valid), Some(_)) = (&valid, &state.settings.printful) {
        printful_lacks(valid.colours.as_slice(), valid.sizes.as_slice(), &mut errors, lang);
        if valid.products.iter().any(|p| p.product != crate::domain::Product::Tee) && errors.products.is_none() {
            errors.products = Some(i18n::text(lang, "studio-printful-tees-only"));
        }
    }
    let (Some(valid), false) = (valid, errors.any()) else {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page(form, errors));
    };
    if let Err(wait) = state.limits.check(crate::web::Action::Launch, &client) {
        let secs = retry_after_secs(wait);
        let minutes = i64::try_from(secs.div_ceil(60)).unwrap_or(i64::MAX);
        errors.form = Some(i18n::text_with(lang, "studio-too-many-launches", &[("minutes", Arg::Number(minutes))]));
        let res = render(StatusCode::TOO_MANY_REQUESTS, &page(form, errors))?;
        return Ok(with_retry_after(res, secs));
    }

    let account = match (artist.0, credentials) {
        (Some(account), _) => account,
        (None, Some((email, password))) => {
            match state.accounts().sign_up_or_log_in(&email, password, &client, lang).await? {
                Some(account) => account,
                None => {
                    errors.email = Some(i18n::text(lang, "studio-wrong-password"));
                    return render(StatusCode::UNPROCESSABLE_ENTITY, &page(form, errors));
                }
            }
        }
        (None, None) => return render(StatusCode::UNPROCESSABLE_ENTITY, &page(form, errors)),
    };
    let idea = IdeaRef { call: &form.call, idea_id: &form.idea };
    let mut new = valid.for_account(account.id.clone(), None);
    if state.settings.printful.is_some() {
        new.printer = crate::domain::Printer::Printful;
    }
    let drop = state.launcher().launch(&account, new, Some(idea)).await?;
    let mut response = crate::web::see_other(format!("/dashboard/drops/{}?launched=1", drop.id));
    if !signed_in {
        let token = state.store.create_session(&account.id).await?;
        response.cookie(login_cookie(token, state.settings.secure_cookies()));
    }
    Ok(response.finish())
}

/// Names the chosen colours and sizes Printful's blank lacks, each beside its field.
fn printful_lacks(
    colours: &[crate::domain::ShirtColour],
    sizes: &[crate::domain::Size],
    errors: &mut DropFormErrors,
    lang: crate::domain::Language,
) {
    let catalog = crate::fulfilment::printful::Catalog::bundled();
    let (lacking_colours, lacking_sizes) = catalog.lacks(colours, sizes);
    let (offered_colours, offered_sizes) = catalog.offers();
    let names = |list: &[crate::domain::ShirtColour]| {
        list.iter().map(|c| i18n::colour_name(lang, *c)).collect::<Vec<_>>().join(", ")
    };
    let labels = |list: &[crate::domain::Size]| list.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ");
    // A colour Printful lacks entirely is the colour's fault; a size
    // missing in a colour it has, the size's.
    let missing_colours: Vec<_> = lacking_colours.into_iter().filter(|c| !offered_colours.contains(c)).collect();
    if !missing_colours.is_empty() && errors.colours.is_none() {
        errors.colours = Some(i18n::text_with(
            lang,
            "studio-printful-colours",
            &[("offered", Arg::Text(names(&offered_colours))), ("lacking", Arg::Text(names(&missing_colours)))],
        ));
    }
    let usable: Vec<_> = colours.iter().copied().filter(|c| offered_colours.contains(c)).collect();
    let (_, missing_sizes) = catalog.lacks(&usable, sizes);
    let missing_sizes: Vec<_> = if usable.is_empty() {
        lacking_sizes.into_iter().filter(|s| !offered_sizes.contains(s)).collect()
    } else {
        missing_sizes
    };
    if !missing_sizes.is_empty() && errors.sizes.is_none() {
        let offered: Vec<_> = offered_sizes
            .iter()
            .copied()
            .filter(|s| usable.iter().all(|c| catalog.variant(*c, *s).is_some()))
            .collect();
        errors.sizes = Some(i18n::text_with(
            lang,
            "studio-printful-sizes",
            &[("offered", Arg::Text(labels(&offered))), ("lacking", Arg::Text(labels(&missing_sizes)))],
        ));
    }
}
