//! `POST /dashboard/drops/{id}/end`: stop sales now, once confirmed
//! ([`super::confirm`]).

use super::confirm;
use crate::auth::{Artist, csrf};
use crate::error::AppError;
use crate::i18n;
use crate::routes::layout::Layout;
use crate::state::AppState;
use crate::web::PageLanguage;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %id))]
pub async fn end(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let t = |id: &str| i18n::text(lang, id);
    let form = csrf::verified_form(&req, &body)?;
    let drop = state.store.owned_drop(&id, &artist.0.id).await?.ok_or(AppError::NotFound)?;
    let back = format!("/dashboard/drops/{}", drop.id);
    if !confirm::confirmed(&form) {
        let action = format!("{back}/end");
        return confirm::ask(confirm::ConfirmPage {
            layout: Layout::house(lang, &t("end-title")),
            heading: &t("end-heading"),
            message: &t("end-message"),
            action: &action,
            csrf: form.get(csrf::CSRF_FIELD),
            button: &t("end-button"),
            back_url: &back,
            back_label: &t("end-keep-selling"),
        });
    }
    if state.store.end_drop(&drop.id, &artist.0.id).await? {
        tracing::info!(slug = %drop.slug, "drop ended early");
    }
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, back)).finish())
}
