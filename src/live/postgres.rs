//! Several instances on one PostgreSQL: every change is announced with
//! `NOTIFY popshop_drops, '<drop id>'`, and every instance `LISTEN`s, drops its
//! cached storefront for that drop and re-reads the totals for its viewers.
//! When the listening connection drops, the instance reconnects and re-reads
//! the totals of every drop it has viewers for, so no viewer stays wrong.

use crate::state::AppState;
use actix_web::web;
use sqlx::postgres::PgListener;
use std::sync::atomic::Ordering;
use std::time::Duration;

pub const CHANNEL: &str = "popshop_drops";

/// Runs for the life of the process.
pub async fn listen(state: web::Data<AppState>, database_url: String) {
    loop {
        match connect(&state, &database_url).await {
            Ok(mut listener) => {
                // Anything announced while we were away: catch up.
                refresh_watched(&state).await;
                loop {
                    match listener.try_recv().await {
                        Ok(Some(note)) => on_change(&state, note.payload()).await,
                        // The connection was lost; sqlx reconnects on the next call.
                        Ok(None) => {
                            tracing::warn!("LISTEN connection lost; reconnecting and re-reading totals");
                            note_backend_pid(&state, &mut listener).await;
                            refresh_watched(&state).await;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "LISTEN failed; reconnecting");
                            break;
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot LISTEN; retrying in a second"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn connect(state: &AppState, url: &str) -> anyhow::Result<PgListener> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    note_backend_pid(state, &mut listener).await;
    Ok(listener)
}

/// Remembers the listening connection's server process (tests terminate it).
async fn note_backend_pid(state: &AppState, listener: &mut PgListener) {
    if let Ok(pid) = sqlx::query_scalar::<_, i32>("SELECT pg_backend_pid()").fetch_one(&mut *listener).await {
        state.listener_pid.store(pid, Ordering::Relaxed);
    }
}

async fn on_change(state: &AppState, drop_id: &str) {
    state.storefronts.invalidate_drop(drop_id);
    publish_current(state, drop_id).await;
}

async fn refresh_watched(state: &AppState) {
    for drop_id in state.hub.watched() {
        state.storefronts.invalidate_drop(&drop_id);
        publish_current(state, &drop_id).await;
    }
}

/// Tells this instance's viewers of `drop_id` (coalesced, see [`super::coalesce`]).
pub async fn publish_current(state: &AppState, drop_id: &str) {
    state.hub.mark_changed(drop_id);
}
