//! `POST /dashboard/drops/{id}/end`: stop sales now, once confirmed
//! ([`super::confirm`]).

use super::confirm;
use crate::auth::{Artist, csrf};
use crate::error::AppError;
use crate::forms::FormData;
use crate::routes::layout::Layout;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %id))]
pub async fn end(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormData::parse(&body);
    csrf::verify(&req, form.get(csrf::CSRF_FIELD))?;
    let drop = state.store.owned_drop(&id, &artist.0.id).await?.ok_or(AppError::NotFound)?;
    let back = format!("/dashboard/drops/{}", drop.id);
    if !confirm::confirmed(&form) {
        let action = format!("{back}/end");
        return confirm::ask(confirm::ConfirmPage {
            layout: Layout::house("End this drop?"),
            heading: "End this drop now?",
            message: "Fans will no longer be able to buy. Orders already paid are kept.",
            action: &action,
            csrf: form.get(csrf::CSRF_FIELD),
            button: "End the drop now",
            back_url: &back,
            back_label: "Keep selling",
        });
    }
    if state.store.end_drop(&drop.id, &artist.0.id).await? {
        tracing::info!(slug = %drop.slug, "drop ended early");
    }
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, back)).finish())
}
