//! Fans buying through the demo checkout, for the mail benchmark
//! (`scripts/bench-mail`, docs/BENCHMARKS.md, issue 14), against a running
//! popshop that trusts 127.0.0.1 as a proxy:
//!
//!     cargo run --release --example mail_load -- http://127.0.0.1:8080 drop-slug
//!
//! FANS (1,000) fans, CONCURRENCY (32) at a time, each its own browser and
//! address (`X-Forwarded-For`): the storefront's buy form, the demo
//! checkout's page, and its pay form (three requests, as a phone makes
//! them). Prints the purchases per second and how many were paid.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

async fn purchase(base: &str, slug: &str, n: usize) -> anyhow::Result<bool> {
    let fan = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", fan.parse()?);
    headers.insert("origin", base.parse()?);
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()?;
    let res = client
        .post(format!("{base}/d/{slug}/checkout"))
        .form(&[("size", "M"), ("colour", "black"), ("quantity", "1")])
        .send()
        .await?;
    let Some(at) = res.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned) else {
        return Ok(false);
    };
    let page = client.get(format!("{base}{at}")).send().await?.text().await?;
    let marker = "name=\"csrf\" value=\"";
    let Some(start) = page.find(marker).map(|i| i + marker.len()) else { return Ok(false) };
    let csrf = page[start..].chars().take(64).collect::<String>();
    let email = format!("fan{n}@example.com");
    let paid = client
        .post(format!("{base}{at}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("action", "pay"),
            ("email", email.as_str()),
            ("name", "Bench Fan"),
            ("line1", "1 Main St"),
            ("postal_code", "10001"),
            ("city", "New York"),
            ("country", "US"),
        ])
        .send()
        .await?;
    Ok(paid.status().as_u16() == 303)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (base, slug) = (args.get(1).cloned().unwrap_or_default(), args.get(2).cloned().unwrap_or_default());
    let (fans, concurrency) = (env_or("FANS", 1_000), env_or("CONCURRENCY", 32));
    let next = Arc::new(AtomicUsize::new(0));
    let paid = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (base, slug, next, paid) = (base.clone(), slug.clone(), next.clone(), paid.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= fans {
                        break;
                    }
                    match purchase(&base, &slug, n + 1).await {
                        Ok(true) => {
                            paid.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(false) => {}
                        Err(e) => eprintln!("fan {n}: {e}"),
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.await?;
    }
    let secs = start.elapsed().as_secs_f64();
    let paid = paid.load(Ordering::Relaxed);
    println!("purchases={paid} of {fans} seconds={secs:.2} purchases/s={:.1}", paid as f64 / secs);
    Ok(())
}
