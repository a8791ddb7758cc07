use secrecy::{ExposeSecret, SecretString};

/// A password as typed: 8–200 characters. Kept secret so it never lands in a log.
#[derive(Debug)]
pub struct Password(SecretString);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Choose a password of at least {min} characters.", min = Password::MIN_CHARS)]
    TooShort,
    #[error("Keep the password under {max} characters.", max = Password::MAX_CHARS)]
    TooLong,
}

impl Password {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let n = input.chars().count();
        if n < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        Ok(Self(SecretString::from(input.to_owned())))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}
