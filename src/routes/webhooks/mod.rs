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

/// `POST /webhooks/printful`: Printful's signed events (`fulfilment::events`).
/// A forged, unreadable or stale event is answered 400 (401 without a good
/// signature); one popshop cannot apply yet (Printful could not be asked
/// about the shipment, a database failure) 503, so Printful sends it again.
/// A replay is answered 200 and changes nothing. 404 while Printful is off.
pub async fn printful_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    use crate::fulfilment::events::{EventError, PrinterEvents};
    let (Some(printful), Some(settings)) = (&state.printing.printful, &state.settings.printful) else {
        return Err(AppError::NotFound);
    };
    let signature = req.headers().get("x-pf-webhook-signature").and_then(|v| v.to_str().ok());
    let events = PrinterEvents { store: &state.store, printful, secret: &settings.webhook_secret };
    let text = |status: actix_web::http::StatusCode, body: String| {
        Ok(HttpResponse::build(status).content_type("text/plain").body(body))
    };
    use actix_web::http::StatusCode;
    match events.take(&body, signature).await {
        Ok(outcome) => text(StatusCode::OK, format!("{outcome:?}").to_lowercase()),
        Err(EventError::Unsigned) => {
            tracing::warn!("a Printful event with a bad signature was refused");
            text(StatusCode::UNAUTHORIZED, "refused: the signature does not match".into())
        }
        Err(e @ (EventError::Unreadable(_) | EventError::Stale)) => {
            tracing::warn!(reason = %e, "a Printful event was refused");
            text(StatusCode::BAD_REQUEST, format!("refused: {e}"))
        }
        Err(EventError::Printful(e)) => {
            tracing::warn!(error = %e, "a Printful event waits for Printful");
            text(StatusCode::SERVICE_UNAVAILABLE, "try again later".into())
        }
        Err(EventError::Store(e)) => {
            tracing::error!(error = %format!("{e:#}"), "a Printful event could not be applied; Printful will retry it");
            text(StatusCode::SERVICE_UNAVAILABLE, "try again later".into())
        }
    }
}
