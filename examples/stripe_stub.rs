//! A stand-in for Stripe's API for load tests: answers every
//! `POST /v1/checkout/sessions` after a fixed delay (default 300 ms) with
//! Stripe's example session object. Used by `scripts/bench-checkout`.
//!
//!     STUB_ADDR=127.0.0.1:12111 STUB_DELAY_MS=300 cargo run --release --example stripe_stub

use actix_web::{App, HttpResponse, HttpServer, web};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

static COUNTER: AtomicU64 = AtomicU64::new(0);

async fn create_session(delay: web::Data<Duration>) -> HttpResponse {
    tokio::time::sleep(**delay).await;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut session: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/stripe/checkout_session.json")).expect("fixture");
    session["id"] = format!("cs_stub_{n}").into();
    session["url"] = format!("https://checkout.stripe.test/pay/cs_stub_{n}").into();
    HttpResponse::Ok().json(session)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("STUB_ADDR").unwrap_or_else(|_| "127.0.0.1:12111".into());
    let delay = Duration::from_millis(std::env::var("STUB_DELAY_MS").ok().and_then(|d| d.parse().ok()).unwrap_or(300));
    println!("stripe stub on http://{addr}, answering after {delay:?}");
    HttpServer::new(move || {
        App::new().app_data(web::Data::new(delay)).route("/v1/checkout/sessions", web::post().to(create_session))
    })
    .workers(2)
    .max_connections(100_000)
    .bind(addr)?
    .run()
    .await
}
