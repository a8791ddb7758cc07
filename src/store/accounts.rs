use super::outbox::{self, CONFIRM_EMAIL, EMAIL_CHANGE, EMAIL_CHANGED, PASSWORD_RESET, Queue};
use super::{Store, new_id};
use crate::domain::{EmailAddress, Language};
use anyhow::Context;
use sha2::{Digest, Sha256};

/// An artist account as the rest of the app sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: crate::domain::AccountId,
    pub email: String,
    /// The owner followed the link mailed to `email`: payouts and the
    /// artist's mail wait for it.
    pub confirmed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// What a mailed link is for, and how long it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm the address given at sign-up (3 days).
    Confirm,
    /// Reset the password (60 minutes).
    Reset,
    /// Confirm a new address (one day).
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Reset => "reset",
            Self::ChangeEmail => "email",
        }
    }

    pub fn lifetime_ms(self) -> i64 {
        match self {
            Self::Confirm => 3 * 24 * 3600 * 1000,
            Self::Reset => 60 * 60 * 1000,
            Self::ChangeEmail => 24 * 3600 * 1000,
        }
    }

    fn mail_kind(self) -> &'static str {
        match self {
            Self::Confirm => CONFIRM_EMAIL,
            Self::Reset => PASSWORD_RESET,
            Self::ChangeEmail => EMAIL_CHANGE,
        }
    }
}

/// Links of one purpose mailed to one account in an hour, at most: bounds
/// what anyone can make popshop send to someone else's inbox.
pub const LINKS_PER_HOUR: i64 = 3;

/// Why a mailed link does not work (a clear page, with a way to ask again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// No such link (mistyped, or for another purpose).
    Unknown,
    Expired,
    Used,
    /// A change of address to one that another account took meanwhile.
    AddressTaken,
}

/// A link that works: whose it is, and the address it was sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFor {
    pub account_id: crate::domain::AccountId,
    pub email: String,
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

type AccountRow = (String, String, Option<i64>);

fn account((id, email, confirmed_at): AccountRow) -> Account {
    Account { id: id.into(), email, confirmed: confirmed_at.is_some() }
}

impl Store {
    /// Creates an account, and queues the mail that asks its owner to
    /// confirm the address, in one transaction; a taken email is reported
    /// as such, not as a failure.
    #[tracing::instrument(skip(self, password_hash))]
    pub async fn create_account(
        &self,
        email: &EmailAddress,
        password_hash: &str,
        lang: Language,
    ) -> Result<Account, CreateAccountError> {
        let id = new_id();
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin sign-up")?;
        let inserted = sqlx::query(
            "INSERT INTO accounts (id, email, password_hash, created_at, mail_key) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (email) DO NOTHING",
        )
        .bind(&id)
        .bind(email.as_str())
        .bind(password_hash)
        .bind(now)
        .bind(super::random_token())
        .execute(&mut *tx)
        .await
        .context("insert account")?;
        if inserted.rows_affected() == 0 {
            tx.rollback().await.ok();
            return Err(CreateAccountError::EmailTaken);
        }
        mail_link(&mut tx, &id, email.as_str(), Purpose::Confirm, lang, now).await?;
        tx.commit().await.context("commit sign-up")?;
        Ok(Account { id: id.into(), email: email.as_str().to_owned(), confirmed: false })
    }

    /// The account and its password hash, for logging in.
    #[tracing::instrument(skip(self))]
    pub async fn account_with_hash(&self, email: &EmailAddress) -> anyhow::Result<Option<(Account, String)>> {
        let row: Option<(String, String, Option<i64>, String)> =
            sqlx::query_as("SELECT id, email, email_confirmed_at, password_hash FROM accounts WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(&self.pool)
                .await
                .context("select account by email")?;
        Ok(row.map(|(id, email, confirmed, hash)| (account((id, email, confirmed)), hash)))
    }

    /// The account with this id.
    pub async fn account_by_id(&self, id: &str) -> anyhow::Result<Option<Account>> {
        let row: Option<AccountRow> =
            sqlx::query_as("SELECT id, email, email_confirmed_at FROM accounts WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .context("select account")?;
        Ok(row.map(account))
    }

    /// Mails `purpose`'s link for the account of `email` (a reset) or
    /// `account_id` (a confirmation, a new address in `email`), unless
    /// [`LINKS_PER_HOUR`] went out already. Returns whether one was queued;
    /// the caller tells the visitor the same either way.
    #[tracing::instrument(skip(self))]
    pub async fn mail_account_link(
        &self,
        account_id: &str,
        email: &str,
        purpose: Purpose,
        lang: Language,
    ) -> anyhow::Result<bool> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin account link")?;
        let (recent,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM account_tokens WHERE account_id = $1 AND purpose = $2 AND created_at > $3",
        )
        .bind(account_id)
        .bind(purpose.as_str())
        .bind(now - 3600 * 1000)
        .fetch_one(&mut *tx)
        .await
        .context("count recent links")?;
        if recent >= LINKS_PER_HOUR {
            tx.rollback().await.ok();
            return Ok(false);
        }
        mail_link(&mut tx, account_id, email, purpose, lang, now).await?;
        tx.commit().await.context("commit account link")?;
        Ok(true)
    }

    /// Whether `token` is a working link for `purpose` (the page before the
    /// form), without using it.
    pub async fn account_link(&self, token: &str, purpose: Purpose) -> anyhow::Result<Result<LinkFor, LinkProblem>> {
        let row: Option<(String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT account_id, email, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2",
        )
        .bind(hash_token(token))
        .bind(purpose.as_str())
        .fetch_optional(&self.pool)
        .await
        .context("select account link")?;
        Ok(match row {
            None => Err(LinkProblem::Unknown),
            Some((_, _, _, Some(_))) => Err(LinkProblem::Used),
            Some((_, _, expires, None)) if expires <= self.now_ms() => Err(LinkProblem::Expired),
            Some((account_id, email, ..)) => Ok(LinkFor { account_id: account_id.into(), email }),
        })
    }

    /// Uses a reset link: the new password, every session of the account
    /// ended, the link and every other reset link used up, and the address
    /// confirmed (the owner read the mail), in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn reset_password(
        &self,
        token: &str,
        password_hash: &str,
    ) -> anyhow::Result<Result<Account, LinkProblem>> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin reset")?;
        let link = match use_link(&mut tx, token, Purpose::Reset, now).await? {
            Ok(link) => link,
            Err(problem) => {
                tx.rollback().await.ok();
                return Ok(Err(problem));
            }
        };
        sqlx::query(
            "UPDATE accounts SET password_hash = $1, email_confirmed_at = COALESCE(email_confirmed_at, $2) \
             WHERE id = $3 AND email = $4",
        )
        .bind(password_hash)
        .bind(now)
        .bind(&link.account_id)
        .bind(&link.email)
        .execute(&mut *tx)
        .await
        .context("set the new password")?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(&link.account_id)
            .execute(&mut *tx)
            .await
            .context("end every session")?;
        sqlx::query(
            "UPDATE account_tokens SET used_at = $1 WHERE account_id = $2 AND purpose = 'reset' AND used_at IS NULL",
        )
        .bind(now)
        .bind(&link.account_id)
        .execute(&mut *tx)
        .await
        .context("use up other reset links")?;
        let row: AccountRow = sqlx::query_as("SELECT id, email, email_confirmed_at FROM accounts WHERE id = $1")
            .bind(&link.account_id)
            .fetch_one(&mut *tx)
            .await
            .context("read the account")?;
        tx.commit().await.context("commit reset")?;
        Ok(Ok(account(row)))
    }

    /// Uses a confirmation link (sign-up) or a new-address link: the
    /// address is confirmed; for a new address, it becomes the account's
    /// and the old address is told, in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn confirm_address(&self, token: &str, purpose: Purpose) -> anyhow::Result<Result<Account, LinkProblem>> {
        let now = self.now_ms();
        let _gate = self.write_gate().await;
        let mut tx = self.begin().await.context("begin confirm")?;
        let link = match use_link(&mut tx, token, purpose, now).await? {
            Ok(link) => link,
            Err(problem) => {
                tx.rollback().await.ok();
                return Ok(Err(problem));
            }
        };
        let (old_email,): (String,) = sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
            .bind(&link.account_id)
            .fetch_one(&mut *tx)
            .await
            .context("read the account")?;
        let changed = if purpose == Purpose::ChangeEmail {
            let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM accounts WHERE email = $1 AND id <> $2")
                .bind(&link.email)
                .bind(&link.account_id)
                .fetch_optional(&mut *tx)
                .await
                .context("is the new address taken")?;
            if taken.is_some() {
                tx.rollback().await.ok();
                return Ok(Err(LinkProblem::AddressTaken));
            }
            sqlx::query("UPDATE accounts SET email = $1, email_confirmed_at = $2 WHERE id = $3")
                .bind(&link.email)
                .bind(now)
                .bind(&link.account_id)
                .execute(&mut *tx)
                .await
                .context("change the address")?;
            old_email != link.email
        } else {
            // A link for an address the account no longer has confirms nothing.
            sqlx::query("UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, $1) WHERE id = $2 AND email = $3")
                .bind(now)
                .bind(&link.account_id)
                .bind(&link.email)
                .execute(&mut *tx)
                .await
                .context("confirm the address")?;
            false
        };
        if changed {
            let subject = new_id();
            outbox::queue(
                &mut tx,
                Queue { kind: EMAIL_CHANGED, subject_id: &subject, to: &old_email, language: "", link_token: "" },
                now,
            )
            .await?;
        }
        let row: AccountRow = sqlx::query_as("SELECT id, email, email_confirmed_at FROM accounts WHERE id = $1")
            .bind(&link.account_id)
            .fetch_one(&mut *tx)
            .await
            .context("read the account")?;
        tx.commit().await.context("commit confirm")?;
        Ok(Ok(account(row)))
    }

    /// The artist's mail switches: the kinds switched off.
    pub async fn mail_off(&self, account_id: &str) -> anyhow::Result<Vec<String>> {
        let (off,): (String,) = sqlx::query_as("SELECT mail_off FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&self.pool)
            .await
            .context("read mail switches")?;
        Ok(off.split(',').filter(|k| !k.is_empty()).map(str::to_owned).collect())
    }

    /// Sets the kinds of artist mail switched off.
    pub async fn set_mail_off(&self, account_id: &str, off: &[&str]) -> anyhow::Result<()> {
        sqlx::query("UPDATE accounts SET mail_off = $1 WHERE id = $2")
            .bind(off.join(","))
            .bind(account_id)
            .execute(&self.pool)
            .await
            .context("set mail switches")?;
        Ok(())
    }

    /// One-click unsubscribe (RFC 8058): switches `kind` off for the account
    /// whose unsubscribe key is `key`. Returns false for an unknown key.
    pub async fn unsubscribe(&self, key: &str, kind: &str) -> anyhow::Result<bool> {
        let row: Option<(String, String)> = sqlx::query_as("SELECT id, mail_off FROM accounts WHERE mail_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
            .context("find unsubscribe key")?;
        let Some((id, off)) = row else { return Ok(false) };
        let mut off: Vec<&str> = off.split(',').filter(|k| !k.is_empty()).collect();
        if !off.contains(&kind) {
            off.push(kind);
        }
        self.set_mail_off(&id, &off).await?;
        Ok(true)
    }

    /// The account's unsubscribe key, made now for an account older than
    /// unsubscribe links (first writer wins).
    pub async fn mail_key(&self, account_id: &str) -> anyhow::Result<String> {
        sqlx::query("UPDATE accounts SET mail_key = $1 WHERE id = $2 AND mail_key IS NULL")
            .bind(super::random_token())
            .bind(account_id)
            .execute(&self.pool)
            .await
            .context("make an unsubscribe key")?;
        let (key,): (String,) = sqlx::query_as("SELECT mail_key FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&self.pool)
            .await
            .context("read the unsubscribe key")?;
        Ok(key)
    }
}

/// A new link of `purpose` for the account, and its mail, in `tx`.
async fn mail_link(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    account_id: &str,
    email: &str,
    purpose: Purpose,
    lang: Language,
    now: i64,
) -> anyhow::Result<()> {
    let token = super::random_token();
    let token_hash = hash_token(&token);
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, account_id, purpose, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&token_hash)
    .bind(account_id)
    .bind(purpose.as_str())
    .bind(email)
    .bind(now)
    .bind(now + purpose.lifetime_ms())
    .execute(&mut **tx)
    .await
    .context("insert account link")?;
    outbox::queue(
        tx,
        Queue {
            kind: purpose.mail_kind(),
            subject_id: &token_hash,
            to: email,
            language: lang.code(),
            link_token: &token,
        },
        now,
    )
    .await
}

/// Marks a working link used, in `tx` (one conditional update, so two
/// clicks use it once).
async fn use_link(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    token: &str,
    purpose: Purpose,
    now: i64,
) -> anyhow::Result<Result<LinkFor, LinkProblem>> {
    let used: Option<(String, String)> = sqlx::query_as(
        "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL \
         AND expires_at > $1 RETURNING account_id, email",
    )
    .bind(now)
    .bind(hash_token(token))
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await
    .context("use account link")?;
    if let Some((account_id, email)) = used {
        return Ok(Ok(LinkFor { account_id: account_id.into(), email }));
    }
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2")
            .bind(hash_token(token))
            .bind(purpose.as_str())
            .fetch_optional(&mut **tx)
            .await
            .context("why the link does not work")?;
    Ok(Err(match row {
        None => LinkProblem::Unknown,
        Some((_, Some(_))) => LinkProblem::Used,
        Some(_) => LinkProblem::Expired,
    }))
}
