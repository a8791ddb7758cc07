//! Placing paid orders with Printful, as a background task (issue 16,
//! part 3). Every `poll`, the orders of Printful drops paid more than the
//! cooling-off ago and still waiting are claimed (`Store::claim_print_jobs`,
//! a lease, so two instances never take the same one) and, a few at a time:
//!
//! 1. looked up by popshop's id (`external_id`) when an earlier try may have
//!    created it (a timeout after Printful saved it creates no second order);
//! 2. created as a draft: the recipient from the checkout, one catalog
//!    variant per size × colour, the signed print file URL;
//! 3. confirmed once Printful has worked out its costs;
//! 4. recorded: in production, with Printful's cost.
//!
//! Printful's refusal (a bad address, a variant out of stock) ends the job
//! and shows the reason on the order; anything else (no answer, a 5xx, a
//! 429) is tried again later, backing off, and never given up.

use super::files::PrintFiles;
use super::printful::{CallError, Catalog, NewPfOrder, OrderItem, PfOrder, Printful, Recipient};
use crate::store::{PrintJob, Store};
use futures_util::StreamExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// Orders placed at once (Printful's bucket is 120 requests, refilled at
/// two a second).
const AT_ONCE: usize = 4;
/// Orders claimed per round.
const PER_ROUND: i64 = 32;
/// How long a claim holds (longer than a try with its retries).
const LEASE_MS: i64 = 5 * 60 * 1000;

/// What placing orders uses.
#[derive(Clone)]
pub struct PrintOrders {
    pub store: Store,
    pub printful: Printful,
    pub catalog: &'static Catalog,
    pub files: PrintFiles,
    /// The cooling-off after payment (`POPSHOP_PRODUCTION_DELAY`).
    pub delay: Duration,
    pub poll: Duration,
    /// The first wait after a failure (`PRINTFUL_RETRY_MS`).
    pub retry: Duration,
    /// Unix ms before which Printful asked not to be called (a 429).
    pub quiet_until: Arc<AtomicI64>,
}

/// What became of one order in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// Confirmed: in production.
    Sent,
    /// Printful said no: the order shows why.
    Refused,
    /// Not yet: tried again later.
    Later,
}

impl PrintOrders {
    /// Runs forever, a round every `poll`.
    pub async fn run(self) {
        let mut tick = tokio::time::interval(self.poll);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            loop {
                match self.round().await {
                    // A full round: there may be more due right now.
                    Ok(n) if n as i64 == PER_ROUND => continue,
                    Ok(_) => {
                        crate::telemetry::task_ran("printer");
                        break;
                    }
                    Err(error) => {
                        tracing::warn!(error = %format!("{error:#}"), "printer round failed");
                        break;
                    }
                }
            }
        }
    }

    /// One round: claims the orders due and places them; how many it claimed.
    pub async fn round(&self) -> anyhow::Result<usize> {
        let now = self.store.now_ms();
        if self.quiet_until.load(Ordering::Relaxed) > now {
            return Ok(0);
        }
        let paid_before = now - i64::try_from(self.delay.as_millis()).unwrap_or(i64::MAX);
        let jobs = self.store.claim_print_jobs(paid_before, PER_ROUND, LEASE_MS).await?;
        let claimed = jobs.len();
        futures_util::stream::iter(jobs)
            .for_each_concurrent(AT_ONCE, |job| async move {
                let order = job.order.id.clone();
                if let Err(error) = self.place(job).await {
                    tracing::warn!(order = %order, error = %format!("{error:#}"), "placing a Printful order failed");
                }
            })
            .await;
        Ok(claimed)
    }

    /// Places one claimed order.
    #[tracing::instrument(skip_all, fields(order = %job.order.id, attempt = job.attempts))]
    pub async fn place(&self, job: PrintJob) -> anyhow::Result<Placed> {
        let id = job.order.id.as_str().to_owned();
        match self.try_place(&job).await {
            Ok(Some(order)) => {
                self.store.print_job_sent(&id, &order.id.to_string(), order.costs.total_minor()).await?;
                tracing::info!(printful = order.id, "order in production at Printful");
                Ok(Placed::Sent)
            }
            Ok(None) => {
                let at = self.store.now_ms() + self.retry_ms();
                self.store.print_job_retry(&id, at, "Printful is working out the costs").await?;
                Ok(Placed::Later)
            }
            Err(CallError::Refused(reason)) => {
                tracing::warn!(%reason, "Printful refused the order");
                self.store.print_job_refused(&id, &reason).await?;
                Ok(Placed::Refused)
            }
            Err(CallError::Busy(wait)) => {
                let at = self.store.now_ms() + i64::try_from(wait.as_millis()).unwrap_or(60_000);
                self.quiet_until.fetch_max(at, Ordering::Relaxed);
                self.store.print_job_retry(&id, at, "Printful asked to slow down").await?;
                Ok(Placed::Later)
            }
            Err(CallError::Unreachable(error)) => {
                // 30 s, 1 min, 2 min, … at most an hour.
                let backoff =
                    self.retry_ms().saturating_mul(1 << job.attempts.clamp(1, 8).saturating_sub(1)).min(3_600_000);
                self.store.print_job_retry(&id, self.store.now_ms() + backoff, &error).await?;
                Ok(Placed::Later)
            }
        }
    }

    fn retry_ms(&self) -> i64 {
        i64::try_from(self.retry.as_millis()).unwrap_or(30_000)
    }

    /// The confirmed order, or `None` while Printful is still working out
    /// the costs (confirmation is refused until then).
    async fn try_place(&self, job: &PrintJob) -> Result<Option<PfOrder>, CallError> {
        let id = job.order.id.as_str();
        // An earlier try may have created it, even one that never heard back.
        let existing = if job.attempts > 1 || !job.printful_id.is_empty() {
            self.printful.order_by_external_id(id).await?
        } else {
            None
        };
        let order = match existing {
            Some(order) => order,
            // A later try (this one failed after creating it, or never heard
            // back) asks by external_id first, above.
            None => self.printful.create_order(&self.new_order(job)?).await?,
        };
        match order.status.as_str() {
            "draft" => match order.costs.calculation_status.as_str() {
                "calculating" => Ok(None),
                "failed" => Err(CallError::Refused("Printful could not work out the costs of this order".into())),
                _ => self.printful.confirm(order.id).await.map(Some),
            },
            "failed" | "canceled" => Err(CallError::Refused(format!("the order is {} at Printful", order.status))),
            // Confirmed already (an earlier try confirmed it and never heard back).
            _ => Ok(Some(order)),
        }
    }

    /// The draft for a paid order.
    fn new_order(&self, job: &PrintJob) -> Result<NewPfOrder, CallError> {
        let order = &job.order;
        // Printful makes popshop's T-shirts only (launch refuses other
        // products with Printful on): a line of anything else is refused.
        let mut variants = Vec::with_capacity(order.lines.len());
        for line in &order.lines {
            let size = line.size.filter(|_| line.product == crate::domain::Product::Tee);
            let variant = size.and_then(|size| self.catalog.variant(line.colour, size)).ok_or_else(|| {
                CallError::Refused(format!(
                    "Printful has no {} {} in {}",
                    line.colour.name,
                    line.product.key(),
                    line.size.map_or("one size", |s| s.label())
                ))
            })?;
            variants.push((variant, line));
        }
        let address = order.shipping.clone().unwrap_or_default();
        if address.line1.trim().is_empty() || address.country.trim().is_empty() {
            return Err(CallError::Refused("the order has no shipping address".into()));
        }
        let name = Some(address.name.trim()).filter(|n| !n.is_empty()).or(order.name.as_deref()).unwrap_or("");
        let now = self.store.now_ms();
        Ok(NewPfOrder {
            external_id: order.id.as_str().to_owned(),
            shipping: "STANDARD",
            recipient: Recipient {
                name: name.to_owned(),
                address1: address.line1.trim().to_owned(),
                address2: address.line2.trim().to_owned(),
                city: address.city.trim().to_owned(),
                state_code: address.state.trim().to_owned(),
                country_code: address.country.trim().to_ascii_uppercase(),
                zip: address.postal_code.trim().to_owned(),
                email: order.email.clone().unwrap_or_default(),
            },
            order_items: variants
                .into_iter()
                .enumerate()
                .map(|(n, (variant, line))| {
                    let url = self.files.url(order.drop_id.as_str(), line.colour.key, now);
                    OrderItem::front_print(variant, line.quantity, format!("{}-{}", order.id.as_str(), n + 1), url)
                })
                .collect(),
        })
    }
}
