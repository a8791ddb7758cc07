use std::fmt;

/// An artist's login: trimmed, lowercased, one `@` with something on each side, a
/// dot in the domain, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter your email address.")]
    Empty,
    #[error("Enter an email address like name@example.com.")]
    Invalid,
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(EmailError::Empty);
        }
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ','))
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid { Ok(Self(email)) } else { Err(EmailError::Invalid) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        assert_eq!(EmailAddress::parse(" Ana@Example.COM ").unwrap().as_str(), "ana@example.com");
    }

    #[test]
    fn refuses_malformed() {
        for bad in ["", "ana", "ana@", "@x.com", "a@b", "a@@b.com", "a b@c.com", "<a>@b.com"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
