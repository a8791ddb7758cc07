//! Live-totals load test (docs/BENCHMARKS.md): opens many server-sent-event
//! streams on one storefront, then makes sales through the demo checkout and
//! measures how long each sale takes to reach every viewer.
//!
//!     VIEWERS=10000 SALES=1 cargo run --release --example sse_load -- http://127.0.0.1:8080 my-slug
//!
//! With SALES_PER_SECOND set, it keeps selling at that rate for SALES sales and
//! then checks that every viewer ends with the final count.
//!
//! With STEP set, viewers connect STEP at a time and each step is announced
//! ("connected N") followed by a 3-second pause, so a script can read the
//! server's memory per step; HOLD (seconds) keeps everyone connected and
//! quiet before the sale ("holding"), for measuring what idle viewers cost.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One viewer: reads frames and records the last `sold` value and when it changed.
async fn viewer(
    addr: String,
    host: String,
    slug: String,
    last_sold: Arc<AtomicI64>,
    seen_at: Arc<AtomicI64>,
    start: Instant,
    ready: tokio::sync::mpsc::Sender<()>,
) {
    let Ok(mut stream) = TcpStream::connect(&addr).await else { return };
    let request = format!("GET /d/{slug}/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return;
    }
    let mut buf = vec![0u8; 4096];
    let mut text = String::new();
    let mut announced = false;
    loop {
        let Ok(n) = stream.read(&mut buf).await else { return };
        if n == 0 {
            return;
        }
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
        while let Some(at) = text.find("\"sold\":") {
            let rest = &text[at + 7..];
            let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if end == rest.len() {
                break;
            }
            let sold: i64 = rest[..end].parse().unwrap_or(0);
            if sold != last_sold.swap(sold, Ordering::Relaxed) {
                seen_at.store(start.elapsed().as_micros() as i64, Ordering::Relaxed);
            }
            text.drain(..at + 7 + end);
            if !announced {
                announced = true;
                let _ = ready.send(()).await;
            }
        }
        if text.len() > 8192 {
            text.clear();
        }
    }
}

/// One demo purchase of one shirt, start to finish.
async fn sell(client: &reqwest::Client, base: &str, slug: &str) -> anyhow::Result<()> {
    // As a browser posts the storefront's form (which carries no token).
    let res = client
        .post(format!("{base}/d/{slug}/checkout"))
        .header("origin", base)
        .form(&[("size", "M"), ("colour", "black"), ("quantity", "1")])
        .send()
        .await?;
    let checkout = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let page = client.get(format!("{base}{checkout}")).send().await?.text().await?;
    let token = csrf(&page)?;
    client
        .post(format!("{base}{checkout}"))
        .form(&[
            ("csrf", token.as_str()),
            ("action", "pay"),
            ("email", "load@example.com"),
            ("name", "Load Test"),
            ("line1", "1 Main St"),
            ("postal_code", "1"),
            ("city", "Town"),
            ("country", "US"),
        ])
        .send()
        .await?;
    Ok(())
}

fn csrf(html: &str) -> anyhow::Result<String> {
    let marker = "name=\"csrf\" value=\"";
    let at = html.find(marker).ok_or_else(|| anyhow::anyhow!("no csrf field"))? + marker.len();
    Ok(html[at..at + 64].to_owned())
}

fn percentile(sorted: &[i64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize] as f64 / 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (base, slug) = (
        args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:8080".into()),
        args.get(2).cloned().unwrap_or_default(),
    );
    let viewers: usize = std::env::var("VIEWERS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let sales: usize = std::env::var("SALES").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let rate: f64 = std::env::var("SALES_PER_SECOND").ok().and_then(|v| v.parse().ok()).unwrap_or(0.0);
    let host = base.trim_start_matches("http://").to_owned();
    let step: usize = std::env::var("STEP").ok().and_then(|v| v.parse().ok()).unwrap_or(viewers).max(1);
    let hold: u64 = std::env::var("HOLD").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let start = Instant::now();
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(viewers);
    let mut states = Vec::with_capacity(viewers);
    let mut connected = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    while states.len() < viewers {
        let batch = step.min(viewers - states.len());
        for _ in 0..batch {
            let (sold, seen) = (Arc::new(AtomicI64::new(-1)), Arc::new(AtomicI64::new(0)));
            states.push((sold.clone(), seen.clone()));
            tokio::spawn(viewer(host.clone(), host.clone(), slug.clone(), sold, seen, start, ready_tx.clone()));
        }
        while connected < states.len() {
            match tokio::time::timeout_at(deadline, ready_rx.recv()).await {
                Ok(Some(())) => connected += 1,
                _ => break,
            }
        }
        if step < viewers {
            println!("connected {connected}");
            tokio::time::sleep(Duration::from_secs(3)).await;
        }
    }
    drop(ready_tx);
    println!("viewers connected: {connected}/{viewers} in {:.1} s", start.elapsed().as_secs_f64());
    let initial = states.first().map(|s| s.0.load(Ordering::Relaxed)).unwrap_or(0);
    if hold > 0 {
        println!("holding {hold} s");
        tokio::time::sleep(Duration::from_secs(hold)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build()?;
    let sale_started = start.elapsed().as_micros() as i64;
    let mut last_sale_done = sale_started;
    if rate > 0.0 {
        let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
        let mut tasks = Vec::new();
        for _ in 0..sales {
            tick.tick().await;
            let (client, base, slug) = (client.clone(), base.clone(), slug.clone());
            tasks.push(tokio::spawn(async move { sell(&client, &base, &slug).await }));
        }
        for t in tasks {
            t.await??;
        }
        println!(
            "made {sales} sales at {rate}/s in {:.1} s",
            (start.elapsed().as_micros() as i64 - sale_started) as f64 / 1e6
        );
        last_sale_done = start.elapsed().as_micros() as i64;
    } else {
        sell(&client, &base, &slug).await?;
    }
    let expected = initial + sales as i64;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut latencies: Vec<i64> = states
        .iter()
        .filter(|(sold, _)| sold.load(Ordering::Relaxed) == expected)
        .map(|(_, seen)| seen.load(Ordering::Relaxed) - if rate > 0.0 { last_sale_done } else { sale_started })
        .collect();
    latencies.sort();
    let within_1s = latencies.iter().filter(|l| **l <= 1_000_000).count();
    println!(
        "viewers with the final count {expected}: {}/{connected}; seen {}: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; within 1 s: {:.1}%",
        latencies.len(),
        if rate > 0.0 {
            "after the last sale returned (negative: before)"
        } else {
            "after the sale started (includes the 4-request purchase)"
        },
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        within_1s as f64 * 100.0 / connected.max(1) as f64
    );
    Ok(())
}
