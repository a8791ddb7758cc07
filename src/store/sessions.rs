use super::{Account, Store};
use anyhow::Context;
use sha2::{Digest, Sha256};

/// How long a login lasts.
pub const SESSION_TTL_MS: i64 = 30 * 24 * 3600 * 1000;

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Starts a session and returns the secret token for the cookie.
    #[tracing::instrument(skip(self))]
    pub async fn create_session(&self, account_id: &str) -> anyhow::Result<String> {
        let token = super::random_token();
        let now = self.now_ms();
        sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(hash_token(&token))
            .bind(account_id)
            .bind(now)
            .bind(now + SESSION_TTL_MS)
            .execute(&self.pool)
            .await
            .context("insert session")?;
        Ok(token)
    }

    /// The account behind a session token, if the session is live.
    #[tracing::instrument(skip_all)]
    pub async fn session_account(&self, token: &str) -> anyhow::Result<Option<Account>> {
        let row: Option<(String, String, Option<i64>)> = sqlx::query_as(
            "SELECT a.id, a.email, a.email_confirmed_at FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.suspended_at IS NULL",
        )
        .bind(hash_token(token))
        .bind(self.now_ms())
        .fetch_optional(&self.pool)
        .await
        .context("select session")?;
        Ok(row.map(|(id, email, confirmed)| Account { id: id.into(), email, confirmed: confirmed.is_some() }))
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_session(&self, token: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .execute(&self.pool)
            .await
            .context("delete session")?;
        Ok(())
    }
}
