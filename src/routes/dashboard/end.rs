//! `POST /dashboard/drops/{id}/end`: stop sales now, once confirmed
//! ([`crate::web::confirm`]).

use crate::auth::{OwnedDrop, csrf};
use crate::i18n;
use crate::state::AppState;
use crate::web::PageLanguage;
use crate::web::confirm;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %owned.drop.id))]
pub async fn end(
    req: HttpRequest,
    state: web::Data<AppState>,
    owned: OwnedDrop,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let t = |id: &str| i18n::text(lang, id);
    let form = csrf::verified_form(&req, &body)?;
    let OwnedDrop { artist, drop } = owned;
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
    if state.store.end_drop(&drop.id, &artist.id).await? {
        tracing::info!(slug = %drop.slug, "drop ended early");
    }
    Ok(crate::web::redirect(back))
}
