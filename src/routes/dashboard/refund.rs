//! `POST /dashboard/drops/{id}/orders/{order}/refund`: the artist refunds a paid
//! order through the provider that took its money (`sales::refund_order`).
//! Totals go down; a refusal is explained, never a 502.

use super::confirm;
use crate::auth::{Artist, csrf};
use crate::error::AppError;
use crate::forms::FormData;
use crate::routes::layout::Layout;
use crate::sales::{RefundError, refund_order};
use crate::state::AppState;
use crate::web::problem::{problem_page, with_retry_after};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %path.0, order = %path.1))]
pub async fn refund(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (drop_id, order_id) = path.into_inner();
    let form = FormData::parse(&body);
    csrf::verify(&req, form.get(csrf::CSRF_FIELD))?;
    let drop = state.store.owned_drop(&drop_id, &artist.0.id).await?.ok_or(AppError::NotFound)?;
    let order = state.store.order_by_id(&order_id).await?.filter(|o| o.drop_id == drop.id).ok_or(AppError::NotFound)?;
    let back = format!("/dashboard/drops/{}", drop.id);
    if !confirm::confirmed(&form) {
        let action = format!("{back}/orders/{}/refund", order.id);
        let buyer = order.email.as_deref().unwrap_or("the buyer");
        let message = format!("Order {} ({buyer}): the buyer gets their money back in full.", order.reference());
        return confirm::ask(confirm::ConfirmPage {
            layout: Layout::house("Refund this order?"),
            heading: "Refund this order in full?",
            message: &message,
            action: &action,
            csrf: form.get(csrf::CSRF_FIELD),
            button: "Refund in full",
            back_url: &back,
            back_label: "Back to the drop",
        });
    }
    let heading = "The refund did not go through";
    match refund_order(&state, &order).await {
        Ok(_) => {
            tracing::info!("order refunded by the artist");
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("{back}?refunded={}", order.id)))
                .finish())
        }
        Err(RefundError::NotRefundable) => {
            Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, back)).finish())
        }
        Err(RefundError::Refused(why)) => {
            tracing::warn!(%why, "refund refused");
            let message = format!("The payment provider refused the refund: “{why}”. The order is unchanged.");
            problem_page(StatusCode::CONFLICT, heading, message, back, "Back to the drop")
        }
        Err(RefundError::Unavailable(why)) => {
            tracing::warn!(%why, "refund provider unavailable");
            let message = "The payment provider is not answering right now. The order is unchanged; try again in a \
                           minute."
                .to_owned();
            let res = problem_page(StatusCode::SERVICE_UNAVAILABLE, heading, message, back, "Back to the drop")?;
            Ok(with_retry_after(res, 60))
        }
        Err(RefundError::Internal(e)) => Err(AppError::Internal(e)),
    }
}
