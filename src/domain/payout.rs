//! Paying artists through Stripe Connect (issue 11): the artist's connected
//! account as Stripe last reported it, and popshop's fee on each sale.

/// An artist's connected Stripe account (Express), as Stripe last said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutAccount {
    /// `acct_…`
    pub stripe_account: String,
    /// Stripe lets this account take payments.
    pub charges_enabled: bool,
    /// Stripe pays this account's balance out to its bank.
    pub payouts_enabled: bool,
    /// The artist finished Stripe's onboarding form at least once.
    pub details_submitted: bool,
    /// What Stripe needs now (its requirement names).
    pub currently_due: Vec<String>,
    /// Why Stripe disabled the account, in Stripe's words (may be empty).
    pub disabled_reason: String,
}

/// What an artist's payouts need next, in the words the dashboard uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayoutStatus {
    /// No Stripe account yet.
    NotConnected,
    /// Stripe needs these before it takes payments or pays out.
    NeedsDetails(Vec<Requirement>),
    /// Everything is in; Stripe is checking it.
    UnderReview,
    /// Payments come in, but Stripe holds the payouts (bank details missing or checked).
    PayoutsPaused,
    Ready,
}

/// One kind of thing Stripe asks for, grouped from its requirement names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Requirement {
    BankAccount,
    Terms,
    Identity,
    Business,
    Other,
}

impl Requirement {
    /// The group of a Stripe requirement name ("external_account", "tos_acceptance.date", …).
    pub fn of(name: &str) -> Self {
        let head = name.split('.').next().unwrap_or(name);
        match head {
            "external_account" => Self::BankAccount,
            "tos_acceptance" => Self::Terms,
            "individual" | "representative" | "owners" | "directors" | "executives" | "person" => Self::Identity,
            "business_profile" | "business_type" | "company" => Self::Business,
            _ if head.starts_with("person_") => Self::Identity,
            _ => Self::Other,
        }
    }

    /// The message id of its words ("payouts-need-bank-account").
    pub fn message(self) -> &'static str {
        match self {
            Self::BankAccount => "payouts-need-bank-account",
            Self::Terms => "payouts-need-terms",
            Self::Identity => "payouts-need-identity",
            Self::Business => "payouts-need-business",
            Self::Other => "payouts-need-other",
        }
    }
}

impl PayoutAccount {
    pub fn status(&self) -> PayoutStatus {
        if !self.currently_due.is_empty() {
            let mut needs: Vec<Requirement> = self.currently_due.iter().map(|r| Requirement::of(r)).collect();
            needs.sort();
            needs.dedup();
            return PayoutStatus::NeedsDetails(needs);
        }
        match (self.charges_enabled, self.payouts_enabled) {
            (true, true) => PayoutStatus::Ready,
            (true, false) => PayoutStatus::PayoutsPaused,
            (false, _) if self.details_submitted => PayoutStatus::UnderReview,
            (false, _) => PayoutStatus::NeedsDetails(vec![Requirement::Other]),
        }
    }
}

/// popshop's fee on each sale with Connect: a share of the amount charged
/// (shirts and shipping) plus a fixed part, in the order's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fee {
    /// Hundredths of a percent (250 = 2.5%).
    pub basis_points: i64,
    /// Minor units (30 = $0.30).
    pub fixed_minor: i64,
}

impl Fee {
    /// The fee on a charge of `amount_minor`, rounded half up, never more than the charge.
    pub fn on(self, amount_minor: i64) -> i64 {
        let share = (amount_minor * self.basis_points + 5_000) / 10_000;
        (share + self.fixed_minor).clamp(0, amount_minor.max(0))
    }

    pub fn is_zero(self) -> bool {
        self.basis_points == 0 && self.fixed_minor == 0
    }

    /// "5%" / "2.5% + 0.30" (the fixed part in major units).
    pub fn describe(self) -> String {
        let percent = if self.basis_points % 100 == 0 {
            format!("{}%", self.basis_points / 100)
        } else {
            format!("{}%", self.basis_points as f64 / 100.0)
        };
        match self.fixed_minor {
            0 => percent,
            fixed => format!("{percent} + {}.{:02}", fixed / 100, fixed % 100),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fee_is_a_share_plus_a_fixed_part_never_more_than_the_charge() {
        let fee = Fee { basis_points: 500, fixed_minor: 30 };
        assert_eq!(fee.on(2500), 155, "5% of $25 is $1.25, plus $0.30");
        assert_eq!(fee.on(10), 10, "never more than the charge");
        assert_eq!(Fee { basis_points: 250, fixed_minor: 0 }.on(2950), 74, "73.75 rounds up");
        assert_eq!(Fee::default().on(2500), 0);
        assert_eq!(fee.describe(), "5% + 0.30");
        assert_eq!(Fee { basis_points: 250, fixed_minor: 0 }.describe(), "2.5%");
    }

    #[test]
    fn stripes_requirements_become_a_few_plain_needs() {
        let mut account = PayoutAccount {
            stripe_account: "acct_1".into(),
            charges_enabled: false,
            payouts_enabled: false,
            details_submitted: false,
            currently_due: ["external_account", "tos_acceptance.date", "tos_acceptance.ip", "individual.dob.day"]
                .map(String::from)
                .to_vec(),
            disabled_reason: "requirements.past_due".into(),
        };
        assert_eq!(
            account.status(),
            PayoutStatus::NeedsDetails(vec![Requirement::BankAccount, Requirement::Terms, Requirement::Identity])
        );
        account.currently_due.clear();
        account.details_submitted = true;
        assert_eq!(account.status(), PayoutStatus::UnderReview);
        account.charges_enabled = true;
        assert_eq!(account.status(), PayoutStatus::PayoutsPaused);
        account.payouts_enabled = true;
        assert_eq!(account.status(), PayoutStatus::Ready);
    }
}
