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

/// Ready for traffic: the database answers, its schema is this version's
/// (every migration applied, none unknown), and on PostgreSQL the `LISTEN`
/// connection that brings other instances' sales is up. 503 with what is
/// wrong, one line each, otherwise.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let mut problems = Vec::new();
    if !state.store.ping().await {
        problems.push("database unavailable");
    } else if !state.store.migrations_current().await.unwrap_or(false) {
        problems.push("database schema is not this version's (run `popshop migrate`)");
    }
    if !state.store.hears_every_change() {
        problems.push("LISTEN connection to PostgreSQL is down");
    }
    if problems.is_empty() {
        HttpResponse::Ok().content_type("text/plain").body("ready")
    } else {
        HttpResponse::ServiceUnavailable().content_type("text/plain").body(problems.join("\n"))
    }
}
