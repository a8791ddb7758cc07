//! Releases the stock of checkouts that ran out without the provider telling
//! us (the `checkout.session.expired` event may never come). Runs at start-up
//! and then every `POPSHOP_SWEEP_SECONDS`.

use crate::domain::OrderStatus;
use crate::state::AppState;
use crate::store::now_ms;
use actix_web::web;

pub async fn run(state: web::Data<AppState>) {
    let mut tick = tokio::time::interval(state.settings.sweep_interval);
    loop {
        tick.tick().await;
        match sweep(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(released = n, "released expired reservations"),
            Err(e) => tracing::warn!(error = %e, "reservation sweep failed; will retry"),
        }
    }
}

/// Releases every pending order past its expiry plus the grace period.
pub async fn sweep(state: &AppState) -> anyhow::Result<usize> {
    let before = now_ms() - state.settings.expiry_grace.as_millis() as i64;
    let mut released = 0;
    let mut drops = std::collections::BTreeSet::new();
    loop {
        let stale = state.store.stale_pending_orders(before, 500).await?;
        if stale.is_empty() {
            break;
        }
        for (id, drop_id) in stale {
            if state.store.release(&id, OrderStatus::Expired).await? {
                released += 1;
                drops.insert(drop_id);
            }
        }
    }
    for drop_id in drops {
        crate::live::drop_changed(state, &drop_id).await;
    }
    Ok(released)
}
