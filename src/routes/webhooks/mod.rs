//! `POST /webhooks/stripe`: Stripe's signed events, handed to
//! `sales::receive`. A forged or stale event is answered 400; a genuine one
//! popshop cannot read (or a database failure) 500, so Stripe delivers it
//! again later instead of it being lost.

use crate::sales::{ReceiveError, receive};
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::{HttpRequest, HttpResponse, web};

/// Largest event we read (checkout session events are a few KiB).
pub const MAX_EVENT_BYTES: usize = 512 * 1024;

pub async fn stripe_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let signature = req.headers().get("stripe-signature").and_then(|v| v.to_str().ok());
    match receive(&state.sales, &body, signature).await {
        Ok(_) => Ok(HttpResponse::Ok().content_type("text/plain").body("ok")),
        Err(ReceiveError::Rejected(why)) if why.is_ours() => {
            tracing::error!(reason = %why, "a genuine Stripe event could not be read; Stripe will retry it");
            Ok(HttpResponse::InternalServerError().content_type("text/plain").body("cannot read this event yet"))
        }
        Err(ReceiveError::Rejected(why)) => {
            tracing::warn!(reason = %why, "webhook refused");
            Ok(HttpResponse::BadRequest().content_type("text/plain").body(format!("refused: {why}")))
        }
        Err(ReceiveError::Internal(e)) => Err(AppError::Internal(e)),
    }
}
