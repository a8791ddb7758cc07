//! The framework's hello: actix-web answering a constant, as popshop's
//! server is set up (same workers), for the storefront benchmark's
//! baseline (`scripts/bench-storefront`). Listens on `HELLO_ADDR`.
//!
//! `/` answers "hello" (the stack's floor). `/sized` answers
//! `HELLO_BYTES` bytes (default 2,500): hello sending as many bytes as the
//! storefront does, which separates what the bytes cost (the kernel's
//! sockets and wrk's parsing, on the same two cores) from what popshop
//! does per request.

use actix_web::{App, HttpResponse, HttpServer, web};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::var("HELLO_ADDR").unwrap_or_else(|_| "127.0.0.1:8081".into());
    let bytes = std::env::var("HELLO_BYTES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_500);
    let sized = web::Bytes::from(vec![b'x'; bytes]);
    HttpServer::new(move || {
        let sized = sized.clone();
        App::new()
            .route("/", web::get().to(|| async { HttpResponse::Ok().body("hello") }))
            .route("/sized", web::get().to(move || std::future::ready(HttpResponse::Ok().body(sized.clone()))))
    })
    .bind(addr)?
    .run()
    .await
}
