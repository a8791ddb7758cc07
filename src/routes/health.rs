use crate::state::AppState;
use actix_web::{HttpResponse, web};

/// 200 when the database answers, 503 when it does not.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    if state.store.ping().await {
        HttpResponse::Ok().content_type("text/plain").body("ok")
    } else {
        HttpResponse::ServiceUnavailable().content_type("text/plain").body("database unavailable")
    }
}
