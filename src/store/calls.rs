//! Open calls, the ideas fans send to them and their votes (issue 10).
//!
//! A vote is one row per (idea, fan): the insert that adds it is the
//! condition (`ON CONFLICT DO NOTHING`), and the idea's counter moves in the
//! same transaction only when a row was added or removed — no read-then-write,
//! so a storm of votes never double-counts, and `ideas.votes` can always be
//! recomputed from the rows ([`Store::recount_votes`]).

use super::changes::{backend_of, returning_announce_call};
use super::{Store, new_id};
use crate::domain::call::normalized;
use crate::domain::{Call, DropSlug, Idea, Language, ShirtColours, Slogan};
use anyhow::Context;

/// Everything needed to open a call, already validated.
#[derive(Debug, Clone)]
pub struct NewCall {
    pub account_id: crate::domain::AccountId,
    pub question: Slogan,
    pub artist_name: String,
    /// A look key, or `None`: each idea in its own default look.
    pub theme: Option<&'static str>,
    pub colours: ShirtColours,
    pub language: Language,
    pub ends_at: i64,
}

row! {
    struct CallRow {
        id: crate::domain::CallId,
        account_id: crate::domain::AccountId,
        slug: String,
        question: String,
        artist_name: String,
        theme: String,
        colour: String,
        language: String,
        ends_at: i64,
        ended_at: Option<i64>,
        created_at: i64,
        version: i64,
        drop_slug: String,
        winner_idea: String,
        taken_down_at: Option<i64>,
        takedown_reason: String,
    }
}

const CALL_COLUMNS: &str = "id, account_id, slug, question, artist_name, theme, colour, language, ends_at, ended_at, \
     created_at, version, drop_slug, winner_idea, taken_down_at, takedown_reason";

impl From<CallRow> for Call {
    fn from(r: CallRow) -> Self {
        Call {
            slug: DropSlug::parse(&r.slug).unwrap_or_else(|| DropSlug::from_slogan(&r.slug)),
            id: r.id,
            account_id: r.account_id,
            question: r.question,
            artist_name: r.artist_name,
            theme: (r.theme != "auto").then_some(r.theme),
            colours: ShirtColours::from_db(&r.colour),
            language: Language::from_stored(&r.language),
            ends_at: r.ends_at,
            ended_at: r.ended_at,
            created_at: r.created_at,
            version: r.version,
            drop_slug: DropSlug::parse(&r.drop_slug),
            winner_idea: r.winner_idea,
            takedown: r.taken_down_at.map(|at_ms| crate::domain::Takedown {
                at_ms,
                reason: crate::domain::ModerationText::from_stored(r.takedown_reason),
            }),
        }
    }
}

row! {
    struct IdeaRow {
        id: String,
        call_id: crate::domain::CallId,
        text: String,
        credit: String,
        votes: i64,
        hidden: i64,
        pinned: i64,
        taken_down: i64,
        created_at: i64,
    }
}

const IDEA_COLUMNS: &str = "id, call_id, text, credit, votes, hidden, pinned, taken_down, created_at";

impl From<IdeaRow> for Idea {
    fn from(r: IdeaRow) -> Self {
        Idea {
            id: r.id,
            call_id: r.call_id,
            text: r.text,
            credit: r.credit,
            votes: r.votes,
            hidden: r.hidden != 0,
            pinned: r.pinned != 0,
            taken_down: r.taken_down != 0,
            created_at: r.created_at,
        }
    }
}

/// What became of an idea sent to a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentIdea {
    /// A new idea on the board.
    New(Idea),
    /// The same idea (ignoring case and spacing) was already there.
    Merged(Idea),
}

/// The board's order: most votes first (pinned ideas on top), or newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    Top,
    New,
}

impl Board {
    /// Ideas one board shows (and its live frames carry): enough for any
    /// crowd to browse on a phone, small enough to send to thousands live.
    pub const SHOWN: usize = 60;
}

impl Store {
    /// Saves a new call under a unique slug made from its question.
    #[tracing::instrument(skip(self, new), fields(account = %new.account_id))]
    pub async fn insert_call(&self, new: &NewCall) -> anyhow::Result<Call> {
        let base = DropSlug::from_slogan(new.question.as_str());
        let id = new_id();
        for slug in super::slug_candidates(&base, &id) {
            let inserted = sqlx::query(
                "INSERT INTO calls (id, account_id, slug, question, artist_name, theme, colour, language, ends_at, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (slug) DO NOTHING",
            )
            .bind(&id)
            .bind(&new.account_id)
            .bind(slug.as_str())
            .bind(new.question.as_str())
            .bind(&new.artist_name)
            .bind(new.theme.unwrap_or("auto"))
            .bind(new.colours.to_db())
            .bind(new.language.code())
            .bind(new.ends_at)
            .bind(self.now_ms())
            .execute(&self.pool)
            .await
            .context("insert call")?;
            if inserted.rows_affected() == 1 {
                return self.call_by_slug(&slug).await?.context("call vanished right after insert");
            }
        }
        anyhow::bail!("no free slug for {base}")
    }

    #[tracing::instrument(skip(self))]
    pub async fn call_by_slug(&self, slug: &DropSlug) -> anyhow::Result<Option<Call>> {
        let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE slug = $1");
        let row: Option<CallRow> =
            sqlx::query_as(&sql).bind(slug.as_str()).fetch_optional(&self.pool).await.context("select call")?;
        Ok(row.map(Call::from))
    }

    #[tracing::instrument(skip(self))]
    pub async fn call_by_id(&self, id: &str) -> anyhow::Result<Option<Call>> {
        let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE id = $1");
        let row: Option<CallRow> =
            sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await.context("select call by id")?;
        Ok(row.map(Call::from))
    }

    /// The artist's calls, newest first.
    #[tracing::instrument(skip(self))]
    pub async fn calls_of(&self, account_id: &str) -> anyhow::Result<Vec<Call>> {
        let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE account_id = $1 ORDER BY created_at DESC, id DESC");
        let rows: Vec<CallRow> =
            sqlx::query_as(&sql).bind(account_id).fetch_all(&self.pool).await.context("select calls")?;
        Ok(rows.into_iter().map(Call::from).collect())
    }

    /// Adds an idea to the board, or finds the same idea already there
    /// (case and spacing aside), and counts the sender's vote for it, in one
    /// transaction: sending an idea supports it (a merged one gains this
    /// fan's vote), and never leaves an idea without its sender's vote.
    /// `client` is who sent it (the fan), for the limits and the vote.
    #[tracing::instrument(skip(self, text))]
    pub async fn send_idea(
        &self,
        call_id: &str,
        text: &Slogan,
        credit: &str,
        client: &str,
    ) -> anyhow::Result<SentIdea> {
        let _gate = self.write_gate().await;
        let id = new_id();
        let norm = normalized(text);
        let mut tx = self.begin().await.context("begin idea")?;
        let inserted = sqlx::query(
            "INSERT INTO ideas (id, call_id, text, normalized, credit, client, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (call_id, normalized) DO NOTHING",
        )
        .bind(&id)
        .bind(call_id)
        .bind(text.as_str())
        .bind(&norm)
        .bind(credit)
        .bind(client)
        .bind(self.now_ms())
        .execute(&mut *tx)
        .await
        .context("insert idea")?
        .rows_affected()
            == 1;
        let idea_id: (String,) = sqlx::query_as("SELECT id FROM ideas WHERE call_id = $1 AND normalized = $2")
            .bind(call_id)
            .bind(&norm)
            .fetch_one(&mut *tx)
            .await
            .context("select idea id")?;
        let voted = count_vote(&mut tx, call_id, &idea_id.0, client, true, self.now_ms()).await?;
        if inserted && !voted {
            bump_call(&mut tx, call_id).await?;
        }
        let sql = format!("SELECT {IDEA_COLUMNS} FROM ideas WHERE id = $1");
        let row: IdeaRow = sqlx::query_as(&sql).bind(&idea_id.0).fetch_one(&mut *tx).await.context("select idea")?;
        tx.commit().await.context("commit idea")?;
        if inserted || voted {
            self.committed_call(call_id);
        }
        Ok(if inserted { SentIdea::New(row.into()) } else { SentIdea::Merged(row.into()) })
    }

    /// Ideas `client` (a fan) has sent to the call, and ideas on it in all
    /// (for the per-fan and per-call limits), in one query.
    #[tracing::instrument(skip(self))]
    pub async fn idea_counts(&self, call_id: &str, client: &str) -> anyhow::Result<(i64, i64)> {
        let counts: (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN client = $2 THEN 1 ELSE 0 END), 0), COUNT(*) FROM ideas \
             WHERE call_id = $1",
        )
        .bind(call_id)
        .bind(client)
        .fetch_one(&self.pool)
        .await
        .context("count ideas")?;
        Ok(counts)
    }

    /// Ideas on the call's board.
    #[tracing::instrument(skip(self))]
    pub async fn ideas_of(&self, call_id: &str, board: Board, with_hidden: bool) -> anyhow::Result<Vec<Idea>> {
        let order = match board {
            Board::Top => "pinned DESC, votes DESC, created_at ASC, id ASC",
            Board::New => "created_at DESC, id DESC",
        };
        let hidden = if with_hidden { "" } else { " AND hidden = 0" };
        let sql = format!(
            "SELECT {IDEA_COLUMNS} FROM ideas WHERE call_id = $1{hidden} ORDER BY {order} LIMIT {}",
            Board::SHOWN
        );
        let rows: Vec<IdeaRow> =
            sqlx::query_as(&sql).bind(call_id).fetch_all(&self.pool).await.context("select ideas")?;
        Ok(rows.into_iter().map(Idea::from).collect())
    }

    #[tracing::instrument(skip(self))]
    pub async fn idea(&self, call_id: &str, idea_id: &str) -> anyhow::Result<Option<Idea>> {
        let sql = format!("SELECT {IDEA_COLUMNS} FROM ideas WHERE call_id = $1 AND id = $2");
        let row: Option<IdeaRow> =
            sqlx::query_as(&sql).bind(call_id).bind(idea_id).fetch_optional(&self.pool).await.context("idea")?;
        Ok(row.map(Idea::from))
    }

    /// The ideas of the call `fan` has voted for.
    #[tracing::instrument(skip(self))]
    pub async fn votes_of(&self, call_id: &str, fan: &str) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT v.idea_id FROM votes v JOIN ideas i ON i.id = v.idea_id WHERE i.call_id = $1 AND v.fan = $2",
        )
        .bind(call_id)
        .bind(fan)
        .fetch_all(&self.pool)
        .await
        .context("select votes of fan")?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// `fan` supports the idea (`up`) or takes the vote back. Returns whether
    /// anything changed: a second vote, or taking back a vote never given,
    /// changes nothing. A vote counts only when `fan` is one of the first
    /// `voters_per_address` fans who voted on the call from `client_key`
    /// (0: no cap).
    #[tracing::instrument(skip(self))]
    pub async fn vote(
        &self,
        call_id: &str,
        idea_id: &str,
        fan: &str,
        up: bool,
        client_key: &str,
        voters_per_address: i64,
    ) -> anyhow::Result<bool> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin vote")?;
        if up && voters_per_address > 0 && !known_voter(&mut tx, call_id, client_key, fan, voters_per_address).await? {
            tx.rollback().await.ok();
            return Ok(false);
        }
        let changed = count_vote(&mut tx, call_id, idea_id, fan, up, self.now_ms()).await?;
        tx.commit().await.context("commit vote")?;
        if changed {
            self.committed_call(call_id);
        }
        Ok(changed)
    }

    /// The artist ends the call early.
    #[tracing::instrument(skip(self))]
    pub async fn end_call(&self, call_id: &str, account_id: &str) -> anyhow::Result<bool> {
        let sql = format!(
            "UPDATE calls SET ended_at = $1, version = version + 1 WHERE id = $2 AND account_id = $3 \
             AND ended_at IS NULL{}",
            returning_announce_call(self.backend)
        );
        let done = sqlx::query(&sql)
            .bind(self.now_ms())
            .bind(call_id)
            .bind(account_id)
            .execute(&self.pool)
            .await
            .context("end call")?;
        let ended = done.rows_affected() == 1;
        if ended {
            self.committed_call(call_id);
        }
        Ok(ended)
    }

    /// The artist hides or shows, pins or unpins an idea of their call.
    #[tracing::instrument(skip(self))]
    pub async fn moderate_idea(
        &self,
        call: &Call,
        idea_id: &str,
        hidden: Option<bool>,
        pinned: Option<bool>,
    ) -> anyhow::Result<bool> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin moderation")?;
        let done = sqlx::query(
            "UPDATE ideas SET hidden = CASE WHEN taken_down = 1 THEN 1 ELSE COALESCE($1, hidden) END, \
             pinned = COALESCE($2, pinned) WHERE id = $3 AND call_id = $4",
        )
        .bind(hidden.map(i64::from))
        .bind(pinned.map(i64::from))
        .bind(idea_id)
        .bind(&call.id)
        .execute(&mut *tx)
        .await
        .context("moderate idea")?;
        if done.rows_affected() == 1 {
            bump_call(&mut tx, &call.id).await?;
        }
        tx.commit().await.context("commit moderation")?;
        let changed = done.rows_affected() == 1;
        if changed {
            self.committed_call(&call.id);
        }
        Ok(changed)
    }

    /// Sets every idea's counter of the call from its vote rows; returns how
    /// many counters were off (none, unless something bypassed [`Self::vote`]).
    #[tracing::instrument(skip(self))]
    pub async fn recount_votes(&self, call_id: &str) -> anyhow::Result<u64> {
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin recount")?;
        let fixed = sqlx::query(
            "UPDATE ideas SET votes = (SELECT COUNT(*) FROM votes WHERE votes.idea_id = ideas.id) \
             WHERE call_id = $1 AND votes <> (SELECT COUNT(*) FROM votes WHERE votes.idea_id = ideas.id)",
        )
        .bind(call_id)
        .execute(&mut *tx)
        .await
        .context("recount votes")?
        .rows_affected();
        if fixed > 0 {
            bump_call(&mut tx, call_id).await?;
        }
        tx.commit().await.context("commit recount")?;
        if fixed > 0 {
            self.committed_call(call_id);
        }
        Ok(fixed)
    }
}

/// Every change to a call's board moves its version (live boards compare
/// it); on PostgreSQL the same statement announces the change on commit.
/// The caller tells this instance after the commit (`committed_call`).
pub(super) async fn bump_call(tx: &mut sqlx::Transaction<'_, sqlx::Any>, call_id: &str) -> anyhow::Result<()> {
    let sql =
        format!("UPDATE calls SET version = version + 1 WHERE id = $1{}", returning_announce_call(backend_of(tx)));
    sqlx::query(&sql).bind(call_id).execute(&mut **tx).await.context("bump call version")?;
    Ok(())
}

/// The call became a drop: it closes (if still open) and points fans to it.
/// Inside the launch's transaction (`Store::launch_drop`); true when the
/// call changed, to be announced after the commit.
pub(super) async fn call_became_drop(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    call_id: &str,
    idea_id: &str,
    drop_slug: &DropSlug,
    now: i64,
) -> anyhow::Result<bool> {
    let sql = format!(
        "UPDATE calls SET drop_slug = $1, ended_at = COALESCE(ended_at, $2), version = version + 1, \
         winner_idea = $4 WHERE id = $3{}",
        returning_announce_call(backend_of(tx))
    );
    let done = sqlx::query(&sql)
        .bind(drop_slug.as_str())
        .bind(now)
        .bind(call_id)
        .bind(idea_id)
        .execute(&mut **tx)
        .await
        .context("link call to drop")?;
    Ok(done.rows_affected() == 1)
}

/// Whether `fan` may vote on the call from `client_key`: already one of its
/// voters there, or taken on as one while fewer than `cap` are.
async fn known_voter(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    call_id: &str,
    client_key: &str,
    fan: &str,
    cap: i64,
) -> anyhow::Result<bool> {
    sqlx::query(
        "INSERT INTO call_voters (call_id, client_key, fan) SELECT $1, $2, $3 \
         WHERE (SELECT COUNT(*) FROM call_voters WHERE call_id = $1 AND client_key = $2) < $4 ON CONFLICT DO NOTHING",
    )
    .bind(call_id)
    .bind(client_key)
    .bind(fan)
    .bind(cap)
    .execute(&mut **tx)
    .await
    .context("take on a voter")?;
    let (known,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM call_voters WHERE call_id = $1 AND client_key = $2 AND fan = $3")
            .bind(call_id)
            .bind(client_key)
            .bind(fan)
            .fetch_one(&mut **tx)
            .await
            .context("is the fan a voter here")?;
    Ok(known == 1)
}

/// `fan`'s vote for the idea (`up`) or its taking back, with the idea's
/// counter and the call's version moved in the same transaction. True when
/// anything changed (a second vote, or taking back a vote never given,
/// changes nothing).
async fn count_vote(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    call_id: &str,
    idea_id: &str,
    fan: &str,
    up: bool,
    now: i64,
) -> anyhow::Result<bool> {
    let changed = if up {
        sqlx::query(
            "INSERT INTO votes (idea_id, fan, created_at) SELECT $1, $2, $3 WHERE EXISTS \
             (SELECT 1 FROM ideas WHERE id = $1 AND call_id = $4 AND hidden = 0) ON CONFLICT DO NOTHING",
        )
        .bind(idea_id)
        .bind(fan)
        .bind(now)
        .bind(call_id)
        .execute(&mut **tx)
        .await
        .context("insert vote")?
        .rows_affected()
    } else {
        sqlx::query("DELETE FROM votes WHERE idea_id = $1 AND fan = $2")
            .bind(idea_id)
            .bind(fan)
            .execute(&mut **tx)
            .await
            .context("delete vote")?
            .rows_affected()
    };
    if changed == 1 {
        let delta: i64 = if up { 1 } else { -1 };
        sqlx::query("UPDATE ideas SET votes = votes + $1 WHERE id = $2")
            .bind(delta)
            .bind(idea_id)
            .execute(&mut **tx)
            .await
            .context("count vote")?;
        bump_call(tx, call_id).await?;
    }
    Ok(changed == 1)
}
