//! The tests' Printful stand-in (`tests/common/printful_standin.rs`: every
//! request checked against Printful's published v2 schemas) as a process,
//! for the Printful benchmark (`scripts/bench-printful`, docs/BENCHMARKS.md):
//!
//!     cargo run --release --example printful_standin
//!
//! Prints `ready <url>` and serves until killed; `GET <url>/standin/summary`
//! tells how many orders it holds, how many distinct `external_id`s, how
//! many requests it refused and how many of its own answers were off-spec.

#[path = "../tests/common/printful_spec.rs"]
#[allow(dead_code)]
mod printful_spec;
#[path = "../tests/common/printful_standin.rs"]
#[allow(dead_code)]
mod printful_standin;

#[tokio::main]
async fn main() {
    let standin = printful_standin::PrintfulStandIn::start(std::time::Duration::from_secs(2)).await;
    println!("ready {}", standin.uri());
    std::future::pending::<()>().await;
}
