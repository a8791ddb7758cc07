use super::{Store, new_id};
use crate::domain::EmailAddress;
use anyhow::Context;

/// An artist account as the rest of the app sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: crate::domain::AccountId,
    pub email: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Store {
    /// Creates an account; a taken email is reported as such, not as a failure.
    #[tracing::instrument(skip(self, password_hash))]
    pub async fn create_account(
        &self,
        email: &EmailAddress,
        password_hash: &str,
    ) -> Result<Account, CreateAccountError> {
        let id = new_id();
        let inserted = sqlx::query(
            "INSERT INTO accounts (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (email) DO NOTHING",
        )
        .bind(&id)
        .bind(email.as_str())
        .bind(password_hash)
        .bind(self.now_ms())
        .execute(&self.pool)
        .await
        .context("insert account")?;
        if inserted.rows_affected() == 0 {
            return Err(CreateAccountError::EmailTaken);
        }
        Ok(Account { id: id.into(), email: email.as_str().to_owned() })
    }

    /// The account and its password hash, for logging in.
    #[tracing::instrument(skip(self))]
    pub async fn account_with_hash(&self, email: &EmailAddress) -> anyhow::Result<Option<(Account, String)>> {
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT id, email, password_hash FROM accounts WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(&self.pool)
                .await
                .context("select account by email")?;
        Ok(row.map(|(id, email, hash): (String, String, String)| (Account { id: id.into(), email }, hash)))
    }
}
