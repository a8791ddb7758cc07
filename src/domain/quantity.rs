/// How many shirts a drop may sell at most (1–100,000), when limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stock(i64);

/// A sales goal in units (1–1,000,000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goal(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    #[error("Enter a whole number, for example 200.")]
    NotANumber,
    #[error("Enter a number from {min} to {max}.")]
    OutOfRange { min: i64, max: i64 },
}

/// Parses an optional whole number: blank means "not set".
fn parse_count(input: &str, min: i64, max: i64) -> Result<Option<i64>, CountError> {
    let cleaned: String = input.trim().chars().filter(|c| !matches!(c, ',' | '.' | ' ' | '_' | '\'')).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    if cleaned.len() > 12 || !cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CountError::NotANumber);
    }
    let n: i64 = cleaned.parse().map_err(|_| CountError::NotANumber)?;
    if !(min..=max).contains(&n) {
        return Err(CountError::OutOfRange { min, max });
    }
    Ok(Some(n))
}

impl Stock {
    pub const MAX: i64 = 100_000;

    pub fn parse_optional(input: &str) -> Result<Option<Self>, CountError> {
        Ok(parse_count(input, 1, Self::MAX)?.map(Self))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl Goal {
    pub const MAX: i64 = 1_000_000;

    pub fn parse_optional(input: &str) -> Result<Option<Self>, CountError> {
        Ok(parse_count(input, 1, Self::MAX)?.map(Self))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_unlimited() {
        assert_eq!(Stock::parse_optional("  "), Ok(None));
    }

    #[test]
    fn parses_grouped_numbers_and_rejects_garbage() {
        assert_eq!(Stock::parse_optional("1,000").unwrap().unwrap().get(), 1000);
        assert_eq!(Stock::parse_optional("-1"), Err(CountError::NotANumber));
        assert_eq!(Stock::parse_optional("0"), Err(CountError::OutOfRange { min: 1, max: 100_000 }));
        assert_eq!(Stock::parse_optional("100001"), Err(CountError::OutOfRange { min: 1, max: 100_000 }));
        assert_eq!(Goal::parse_optional("1e9"), Err(CountError::NotANumber));
        assert_eq!(Goal::parse_optional(&"9".repeat(40)), Err(CountError::NotANumber));
    }
}
