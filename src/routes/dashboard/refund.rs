//! `POST /dashboard/drops/{id}/orders/{order}/refund`: the artist refunds a paid
//! order (Stripe's refund API; the demo refunds at once). Totals go down.

use crate::auth::{Artist, csrf};
use crate::domain::OrderStatus;
use crate::error::AppError;
use crate::forms::FormData;
use crate::routes::checkout::start::problem;
use crate::routes::webhooks::refund_order;
use crate::state::AppState;
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
    if !matches!(order.status, OrderStatus::Paid | OrderStatus::RefundDue) {
        return Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, back)).finish());
    }
    match refund_order(&state, &order.id).await {
        Ok(_) => {
            tracing::info!("order refunded by the artist");
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("{back}?refunded={}", order.id)))
                .finish())
        }
        Err(e) => {
            tracing::warn!(error = %e, "refund failed");
            problem(
                StatusCode::BAD_GATEWAY,
                "The refund did not go through",
                format!(
                    "The payment provider did not accept the refund ({e}). The order is unchanged; try again later."
                ),
                back,
            )
        }
    }
}
