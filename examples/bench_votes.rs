//! Votes per second on an open call (issue 10, docs/BENCHMARKS.md): 64 fans
//! at once, each voting for ideas of one call through the store (the
//! conditional insert and the counter in one transaction), on SQLite, and on
//! PostgreSQL when `DATABASE_URL` names one. Then checks that the counters
//! equal the vote rows.
//!
//!     cargo run --release --example bench_votes
//!     DATABASE_URL=postgres://… cargo run --release --example bench_votes

use popshop::domain::{Language, ShirtColours, Slogan};
use popshop::store::{NewCall, Store};
use std::time::Instant;

const FANS: usize = 64;
const VOTES_PER_FAN: usize = 200;
const IDEAS: usize = 50;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", dir.path().join("votes.db").display()));
    let store = Store::connect(&url, 16).await?;
    let account = store
        .create_account(
            &popshop::domain::EmailAddress::parse(&format!("bench-{}@example.com", std::process::id()))?,
            "x",
            popshop::domain::Language::En,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let call = store
        .insert_call(&NewCall {
            account_id: account.id,
            question: Slogan::parse("Benchmark the votes")?,
            artist_name: "Bench".into(),
            theme: None,
            colours: ShirtColours::from_db("black"),
            language: Language::En,
            ends_at: i64::MAX / 2,
        })
        .await?;
    let mut ideas = Vec::new();
    for i in 0..IDEAS {
        let idea = match store.send_idea(&call.id, &Slogan::parse(&format!("idea {i}"))?, "", "bench").await? {
            popshop::store::SentIdea::New(idea) | popshop::store::SentIdea::Merged(idea) => idea,
        };
        ideas.push(idea.id);
    }
    let start = Instant::now();
    let mut tasks = Vec::new();
    for fan in 0..FANS {
        let (store, call_id, ideas) = (store.clone(), call.id.clone(), ideas.clone());
        tasks.push(tokio::spawn(async move {
            let mut changed = 0;
            for v in 0..VOTES_PER_FAN {
                // Every fan votes for each idea up to four times (the later ones change nothing).
                let idea = &ideas[(fan * 7 + v) % ideas.len()];
                changed += usize::from(store.vote(&call_id, idea, &format!("fan-{fan}"), true, "", 0).await?);
            }
            anyhow::Ok(changed)
        }));
    }
    let mut changed = 0;
    for t in tasks {
        changed += t.await??;
    }
    let elapsed = start.elapsed();
    let total = FANS * VOTES_PER_FAN;
    let backend = if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
    println!(
        "{backend}: {total} votes from {FANS} fans at once in {:.2} s = {:.0} votes/s ({changed} counted, the rest repeats)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(changed, FANS * IDEAS, "each fan counted once per idea");
    assert_eq!(store.recount_votes(&call.id).await?, 0, "counters equal the vote rows");
    println!("counters equal the vote rows: ok");
    Ok(())
}
