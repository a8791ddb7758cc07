//! Which share link sold (issue 11): visits counted once per visitor and
//! drop (the first source wins), and orders with the source they came by.

use super::Store;
use crate::domain::source::Source;
use anyhow::Context;
use std::collections::BTreeMap;

/// One source's numbers on one drop.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceStats {
    pub source: Source,
    /// Visitors who first came by this source.
    pub visits: i64,
    /// Paid orders bought from it, and what they brought: the shirts,
    /// without shipping (the same revenue as the drop's tiles).
    pub orders: i64,
    pub revenue_minor: i64,
}

impl Store {
    /// Counts a visitor of a drop once (later visits change nothing).
    #[tracing::instrument(skip(self, visitor))]
    pub async fn record_visit(&self, drop_id: &str, visitor: &str, source: &str) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "INSERT INTO visits (drop_id, visitor, source, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (drop_id, visitor) DO NOTHING",
        )
        .bind(drop_id)
        .bind(visitor)
        .bind(source)
        .bind(self.now_ms())
        .execute(&self.pool)
        .await
        .context("record visit")?;
        Ok(done.rows_affected() == 1)
    }

    /// Visits, paid orders and revenue per source, most visits first.
    #[tracing::instrument(skip(self))]
    pub async fn source_stats(&self, drop_id: &str) -> anyhow::Result<Vec<SourceStats>> {
        let visits: Vec<(String, i64)> =
            sqlx::query_as("SELECT source, COUNT(*) FROM visits WHERE drop_id = $1 GROUP BY source")
                .bind(drop_id)
                .fetch_all(&self.pool)
                .await
                .context("visits per source")?;
        // PostgreSQL sums BIGINT as NUMERIC: cast back.
        let orders: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT source, COUNT(*), CAST(COALESCE(SUM(amount - shipping_minor - included_tax_minor), 0) AS BIGINT) FROM orders \
             WHERE drop_id = $1 AND status = 'paid' GROUP BY source",
        )
        .bind(drop_id)
        .fetch_all(&self.pool)
        .await
        .context("orders per source")?;
        let mut by: BTreeMap<Source, SourceStats> = BTreeMap::new();
        for (source, n) in visits {
            let source = Source::from_stored(source);
            by.entry(source.clone()).or_insert_with(|| SourceStats { source, ..SourceStats::default() }).visits += n;
        }
        for (source, n, revenue) in orders {
            let source = Source::from_stored(source);
            let entry = by.entry(source.clone()).or_insert_with(|| SourceStats { source, ..SourceStats::default() });
            entry.orders += n;
            entry.revenue_minor += revenue;
        }
        let mut stats: Vec<SourceStats> = by.into_values().collect();
        stats.sort_by(|a, b| b.visits.cmp(&a.visits).then(b.orders.cmp(&a.orders)).then(a.source.cmp(&b.source)));
        Ok(stats)
    }
}
