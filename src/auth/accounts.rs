//! Signing up and logging in as one step, for the create form: a new
//! account for a new email; for a known email, the account only when the
//! password is its password (sign-up must say that the email is taken).
//! Sign-ups count against the client's sign-up rate; a wrong password for
//! an existing account counts as a failed login (the same growing delays).

use super::password::Passwords;
use crate::domain::{EmailAddress, Language, Password};
use crate::store::{Account, CreateAccountError, Store};
use crate::web::rate::retry_after_secs;
use crate::web::{Action, AppError, Client, Limits};

/// What the accounts use.
pub struct Accounts<'a> {
    pub store: &'a Store,
    pub passwords: &'a Passwords,
    pub limits: &'a Limits,
}

impl Accounts<'_> {
    /// The account of `email` when `typed` is its password. Counted as a
    /// login attempt (the same growing delays); a blocked account or client
    /// is refused before any hashing.
    pub async fn password_matches(
        &self,
        email: &EmailAddress,
        typed: &str,
        client: &Client,
    ) -> Result<Option<Account>, AppError> {
        let found = self.store.account_with_hash(email).await?;
        self.check(email, found, typed, client).await
    }

    /// [`Self::password_matches`] with the account (and its hash) looked up.
    async fn check(
        &self,
        email: &EmailAddress,
        found: Option<(Account, String)>,
        typed: &str,
        client: &Client,
    ) -> Result<Option<Account>, AppError> {
        let logins = &self.passwords.logins;
        if let Err(wait) = logins.attempt(email.as_str(), client) {
            return Err(AppError::TooMany { retry_after: retry_after_secs(wait) });
        }
        let (account, stored) = found.unzip();
        let verified = self.passwords.hasher.verify(typed.to_owned(), stored).await;
        if verified.is_err() {
            logins.not_checked(email.as_str(), client);
        }
        if verified? {
            logins.succeeded(email.as_str(), client);
            return Ok(account);
        }
        Ok(None)
    }

    /// The account of `email`, new or existing; `None`: the email has an
    /// account and `password` is not its password (or the email was taken
    /// between the look-up and the insert: the same answer).
    pub async fn sign_up_or_log_in(
        &self,
        email: &EmailAddress,
        password: Password,
        client: &Client,
        lang: Language,
    ) -> Result<Option<Account>, AppError> {
        if let Some(found) = self.store.account_with_hash(email).await? {
            return self.check(email, Some(found), password.expose(), client).await;
        }
        if let Err(wait) = self.limits.check(Action::SignUp, client) {
            return Err(AppError::TooMany { retry_after: retry_after_secs(wait) });
        }
        let hash = self.passwords.hasher.hash(password).await?;
        match self.store.create_account(email, &hash, lang).await {
            Ok(account) => Ok(Some(account)),
            Err(CreateAccountError::EmailTaken) => Ok(None),
            Err(CreateAccountError::Other(e)) => Err(e.into()),
        }
    }
}
