//! The framework's hello: actix-web answering a constant, as popshop's
//! server is set up (same workers), for the storefront benchmark's
//! baseline (`scripts/bench-storefront`). Listens on `HELLO_ADDR`.

use actix_web::{App, HttpResponse, HttpServer, web};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("HELLO_ADDR").unwrap_or_else(|_| "127.0.0.1:8081".into());
    HttpServer::new(|| App::new().route("/", web::get().to(|| async { HttpResponse::Ok().body("hello") })))
        .bind(addr)?
        .run()
        .await
}
