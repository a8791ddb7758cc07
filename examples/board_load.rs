//! Load on an open call's board (docs/BENCHMARKS.md, issue 10), against a
//! running popshop:
//!
//!     cargo run --release --example board_load -- ideas   http://127.0.0.1:8080 call-slug
//!     cargo run --release --example board_load -- viewers http://127.0.0.1:8080 call-slug
//!
//! `ideas`: FANS (64) fans at once, each its own browser (cookie), send
//! IDEAS_PER_FAN (20, the per-call cap) ideas each through the board's form,
//! and each new idea's shirt picture is fetched once (the first fetch draws
//! it; a busy answer is retried after its `Retry-After`): ideas per second,
//! drawn.
//!
//! `viewers`: VIEWERS (5,000) server-sent-event viewers follow the board;
//! one fan votes; how long until each viewer has the board with that vote
//! (measured from the start of the vote's two requests).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build()?)
}

fn csrf(html: &str) -> anyhow::Result<String> {
    let marker = "name=\"csrf\" value=\"";
    let at = html.find(marker).ok_or_else(|| anyhow::anyhow!("no csrf field"))? + marker.len();
    Ok(html[at..at + 64].to_owned())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One fan: loads the board, then sends `n` ideas and fetches each one's picture.
async fn fan(base: String, slug: String, fan: usize, n: usize) -> anyhow::Result<(usize, usize)> {
    let client = client()?;
    let token = csrf(&client.get(format!("{base}/c/{slug}")).send().await?.text().await?)?;
    let (mut sent, mut busy) = (0, 0);
    for i in 0..n {
        let idea = format!("Fan {fan} idea {i}: Friday losers unite");
        let res = client
            .post(format!("{base}/c/{slug}/ideas"))
            .form(&[("csrf", token.as_str()), ("idea", idea.as_str()), ("credit", "Load")])
            .send()
            .await?;
        let to = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let Some(id) = to.rsplit("#idea-").next().filter(|_| to.contains("#idea-")) else {
            anyhow::bail!("idea refused: {} {to}", res.status());
        };
        loop {
            let picture = client.get(format!("{base}/c/{slug}/ideas/{id}.svg")).send().await?;
            match picture.status().as_u16() {
                200 => {
                    picture.bytes().await?;
                    break;
                }
                503 => {
                    busy += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                other => anyhow::bail!("picture: {other}"),
            }
        }
        sent += 1;
    }
    Ok((sent, busy))
}

async fn ideas(base: &str, slug: &str) -> anyhow::Result<()> {
    let (fans, per_fan) = (env_or("FANS", 64), env_or("IDEAS_PER_FAN", 20));
    let start = Instant::now();
    let tasks: Vec<_> = (0..fans).map(|f| tokio::spawn(fan(base.to_owned(), slug.to_owned(), f, per_fan))).collect();
    let (mut sent, mut busy) = (0, 0);
    for t in tasks {
        let (s, b) = t.await??;
        sent += s;
        busy += b;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{sent} ideas from {fans} fans, each drawn as a shirt, in {secs:.2} s: {:.0} ideas/s \
         ({busy} busy answers retried)",
        sent as f64 / secs
    );
    Ok(())
}

/// One viewer: reads board frames and notes when the newest version arrived.
async fn viewer(host: String, slug: String, version: Arc<AtomicI64>, seen_at: Arc<AtomicI64>, start: Instant) {
    let Ok(mut stream) = TcpStream::connect(&host).await else { return };
    let request = format!("GET /c/{slug}/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return;
    }
    let mut buf = vec![0u8; 16384];
    let mut text = String::new();
    loop {
        let Ok(n) = stream.read(&mut buf).await else { return };
        if n == 0 {
            return;
        }
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
        while let Some(at) = text.find("\"version\":") {
            let rest = &text[at + 10..];
            let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if end == rest.len() {
                break;
            }
            let v: i64 = rest[..end].parse().unwrap_or(0);
            if v > version.swap(v, Ordering::Relaxed) {
                seen_at.store(start.elapsed().as_micros() as i64, Ordering::Relaxed);
            }
            text.drain(..at + 10 + end);
        }
        if text.len() > 65536 {
            text.clear();
        }
    }
}

async fn viewers(base: &str, slug: &str) -> anyhow::Result<()> {
    let count = env_or("VIEWERS", 5000);
    let host = base.trim_start_matches("http://").to_owned();
    let start = Instant::now();
    let states: Vec<_> = (0..count).map(|_| (Arc::new(AtomicI64::new(-1)), Arc::new(AtomicI64::new(0)))).collect();
    for (version, seen) in &states {
        tokio::spawn(viewer(host.clone(), slug.to_owned(), version.clone(), seen.clone(), start));
    }
    let connected = || states.iter().filter(|(v, _)| v.load(Ordering::Relaxed) >= 0).count();
    let deadline = Instant::now() + Duration::from_secs(60);
    while connected() < count && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("viewers with the board: {}/{count} in {:.1} s", connected(), start.elapsed().as_secs_f64());
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = states.iter().map(|(v, _)| v.load(Ordering::Relaxed)).max().unwrap_or(0);

    // One fan votes for the board's first idea (as the form posts it).
    let voter = client()?;
    let page = voter.get(format!("{base}/c/{slug}")).send().await?.text().await?;
    let token = csrf(&page)?;
    let idea = page.split("data-id=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    anyhow::ensure!(!idea.is_empty() && idea != "__ID__", "the board needs an idea to vote for");
    let voted = start.elapsed().as_micros() as i64;
    let res = voter
        .post(format!("{base}/c/{slug}/ideas/{idea}/vote"))
        .form(&[("csrf", token.as_str()), ("vote", "up")])
        .send()
        .await?;
    anyhow::ensure!(res.status().as_u16() == 303, "vote: {}", res.status());
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut latencies: Vec<f64> = states
        .iter()
        .filter(|(v, _)| v.load(Ordering::Relaxed) > before)
        .map(|(_, seen)| (seen.load(Ordering::Relaxed) - voted) as f64 / 1000.0)
        .collect();
    latencies.sort_by(f64::total_cmp);
    let within = latencies.iter().filter(|l| **l <= 1000.0).count();
    println!(
        "one vote → {}/{count} viewers had the new board; p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms \
         (from the start of the vote); within 1 s: {:.1}%",
        latencies.len(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        within as f64 * 100.0 / count as f64
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(2).cloned().unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let slug = args.get(3).cloned().unwrap_or_default();
    match args.get(1).map(String::as_str) {
        Some("ideas") => ideas(&base, &slug).await,
        Some("viewers") => viewers(&base, &slug).await,
        _ => anyhow::bail!("usage: board_load ideas|viewers BASE_URL CALL_SLUG"),
    }
}
