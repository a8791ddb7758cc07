//! Mail (issue 14), first part: the sender task and the file backend.
//!
//! Messages are written to the outbox in the transaction that causes them
//! (`store::outbox`); [`run`] claims what is due, composes each message
//! (`compose`: multipart/alternative, plain text and HTML from askama
//! templates, in the drop's language), delivers it and marks it sent. With
//! no mail server configured, "delivering" writes the message as an `.eml`
//! file into a folder next to the database (Django's file backend habit):
//! nothing to install, and a developer can open them. A message delivered
//! again after a crash keeps its Message-ID and overwrites its own file, so
//! nobody gets it twice.

pub mod compose;

use crate::store::Store;
use crate::store::outbox::Outgoing;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::time::Duration;

/// How often the sender looks for due messages.
const POLL_EVERY: Duration = Duration::from_millis(500);
/// Rounds between looks for mail that time causes (a minute).
const TIMED_EVERY_ROUNDS: u64 = 120;
/// Messages claimed at once, and how long a claim lasts.
const BATCH: i64 = 20;
const LEASE_MS: i64 = 5 * 60_000;
/// Messages delivered at once (SMTP connections from lettre's pool).
const AT_ONCE: usize = 4;
/// Deliveries tried before a message counts as failed.
const MAX_ATTEMPTS: i64 = 10;

/// Where messages go.
#[derive(Clone)]
pub enum Delivery {
    /// `.eml` files in this folder (no `POPSHOP_SMTP_URL`).
    Files(PathBuf),
    /// A mail server (`POPSHOP_SMTP_URL`).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(15);

/// What the sender uses.
#[derive(Clone)]
pub struct Mailer {
    pub store: Store,
    /// `POPSHOP_MAIL_FROM`.
    pub from: Mailbox,
    pub delivery: Delivery,
    /// Absolute base URL for links in messages.
    pub base_url: String,
}

/// Delivers due messages until the app stops.
pub async fn run(mailer: Mailer) {
    let mut tick = tokio::time::interval(POLL_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut rounds: u64 = 0;
    loop {
        tick.tick().await;
        // What time causes (a drop's end passing, a new day's digest), once
        // a minute.
        if rounds.is_multiple_of(TIMED_EVERY_ROUNDS)
            && let Err(e) = mailer.store.queue_timed_artist_mail().await
        {
            tracing::warn!(error = %e, "could not write the artist's timed mail; will retry");
        }
        rounds += 1;
        // A full batch means more may be due: go on without waiting.
        loop {
            match mailer.deliver_due().await {
                Ok(claimed) if claimed as i64 == BATCH => continue,
                Ok(_) => {
                    crate::telemetry::task_ran("mail");
                    break;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "mail round failed; will retry");
                    break;
                }
            }
        }
    }
}

impl Mailer {
    /// The sender the settings ask for: `.eml` files in the mail folder
    /// until a mail server is set.
    pub fn new(settings: &crate::config::Settings, store: &Store) -> anyhow::Result<Self> {
        use anyhow::Context;
        let delivery = match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .context("POPSHOP_SMTP_URL is not a mail server address lettre understands")?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                tracing::info!(server = %crate::store::redact(url.expose_secret()), "mail goes through SMTP");
                Delivery::Smtp(transport)
            }
            None => {
                let dir = settings.mail_dir.clone().unwrap_or_else(|| files_dir(&settings.database_url));
                tracing::info!(folder = %dir.display(), "mail is written as .eml files (no POPSHOP_SMTP_URL)");
                Delivery::Files(dir)
            }
        };
        Ok(Self {
            store: store.clone(),
            from: settings.mail_from.parse().context("POPSHOP_MAIL_FROM")?,
            delivery,
            base_url: settings.base_url().to_owned(),
        })
    }

    /// One round: claims what is due and delivers it, [`AT_ONCE`] at a
    /// time. Returns how many were claimed.
    pub async fn deliver_due(&self) -> anyhow::Result<usize> {
        use futures_util::StreamExt;
        let claimed = self.store.claim_mail(BATCH, LEASE_MS).await?;
        let count = claimed.len();
        let outcomes: Vec<anyhow::Result<()>> = futures_util::stream::iter(claimed)
            .map(|message| async move { self.deliver_and_mark(&message).await })
            .buffer_unordered(AT_ONCE)
            .collect()
            .await;
        outcomes.into_iter().collect::<anyhow::Result<()>>()?;
        Ok(count)
    }

    async fn deliver_and_mark(&self, message: &Outgoing) -> anyhow::Result<()> {
        match self.deliver(message).await {
            Ok(()) => self.store.mail_sent(&message.id).await,
            Err(Failure::Later(e)) if message.attempts < MAX_ATTEMPTS => {
                // 1 s, 2 s, 4 s … at most 10 minutes.
                let wait = (1_000i64 << message.attempts.min(20)).min(600_000);
                tracing::warn!(mail = %message.id, error = %e, "mail not delivered; trying again");
                self.store.mail_retry(&message.id, self.store.now_ms() + wait, &e).await
            }
            Err(Failure::Later(e) | Failure::Never(e)) => {
                tracing::error!(mail = %message.id, error = %e, "mail refused for good");
                self.store.mail_failed(&message.id, &e).await
            }
        }
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), Failure> {
        let Some(email) = compose::compose(self, message).await.map_err(|e| Failure::Later(format!("{e:#}")))? else {
            return Err(Failure::Never(format!("nothing to send for {} {}", message.kind, message.subject_id)));
        };
        match &self.delivery {
            Delivery::Files(dir) => {
                let (dir, name, bytes) = (dir.clone(), format!("{}.eml", message.message_id), email.formatted());
                tokio::task::spawn_blocking(move || write_file(&dir, &name, &bytes))
                    .await
                    .map_err(|e| Failure::Later(e.to_string()))?
                    .map_err(|e| Failure::Later(format!("{e:#}")))
            }
            Delivery::Smtp(transport) => match transport.send(email).await {
                Ok(_) => Ok(()),
                // A 5xx: this message will never be taken (no such mailbox, …).
                Err(e) if e.is_permanent() => Err(Failure::Never(e.to_string())),
                // A 4xx, a refused or lost connection, a timeout: later.
                Err(e) => Err(Failure::Later(e.to_string())),
            },
        }
    }
}

/// "We could not reach jo@example.com: 550 mailbox unavailable", for the
/// artist's pages.
pub fn could_not_reach(lang: crate::domain::Language, failed: &crate::store::outbox::FailedMail) -> String {
    let reason: String = failed.last_error.chars().take(200).collect();
    crate::i18n::text_with(
        lang,
        "mail-could-not-reach",
        &[("email", crate::i18n::Arg::Text(failed.to_address.clone())), ("reason", crate::i18n::Arg::Text(reason))],
    )
}

/// Why a message did not go out.
enum Failure {
    /// Tried again later (the server was away, said 4xx, …).
    Later(String),
    /// Never (nothing to send, or the server refused for good).
    Never(String),
}

/// Writes `bytes` as `dir/name`, whole or not at all (a temporary file
/// renamed into place).
fn write_file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("write {}", tmp.display()))?;
    std::fs::rename(&tmp, dir.join(name)).with_context(|| format!("move {name} into {}", dir.display()))?;
    Ok(())
}

/// The folder for `.eml` files: `mail/` next to a SQLite database file,
/// else `./mail`.
pub fn files_dir(database_url: &str) -> PathBuf {
    let path = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:"));
    match path.map(|p| p.split('?').next().unwrap_or(p)).map(std::path::Path::new).and_then(|p| p.parent()) {
        Some(parent) if !database_url.contains(":memory:") => parent.join("mail"),
        _ => PathBuf::from("mail"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eml_files_go_next_to_the_database() {
        assert_eq!(files_dir("sqlite://data/popshop.db?mode=rwc"), PathBuf::from("data/mail"));
        assert_eq!(files_dir("sqlite:popshop.db"), PathBuf::from("mail"));
        assert_eq!(files_dir("postgres://u@h/db"), PathBuf::from("mail"));
    }
}
