//! Every per-client limit in one place, keyed by what is limited (crates.io's
//! `LimitedAction` habit): `limits.check(Action::Checkout, &client)`. Each
//! action has its own allowance per client address (the `governor` crate's
//! keyed GCRA limiter, [`PerClientRate`]); a refusal says when to come back.
//! The heavy renders have bounded slots. A janitor task ([`Limits::janitor`])
//! forgets clients whose allowance is full again, so memory stays bounded.

use super::Client;
use super::rate::PerClientRate;
use super::slots::Slots;
use crate::config::Settings;
use std::time::Duration;

/// What popshop limits per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Checkouts started (`POPSHOP_CHECKOUT_RATE` a minute).
    Checkout,
    /// Accounts created (`POPSHOP_SIGNUP_RATE` an hour).
    SignUp,
    /// Drops launched (`POPSHOP_LAUNCH_RATE` an hour).
    Launch,
    /// Preview shirts drawn (`POPSHOP_PREVIEW_RATE` a minute).
    Preview,
    /// Ideas sent to open calls (`POPSHOP_IDEA_RATE` a minute).
    Idea,
    /// Votes cast on open calls (`POPSHOP_VOTE_RATE` a minute).
    Vote,
    /// Storefront visits counted ([`VISITS_PER_MINUTE`]).
    Visit,
    /// Links mailed to accounts: password resets, confirmations, new
    /// addresses ([`ACCOUNT_MAIL_PER_HOUR`]); each account also gets at
    /// most `store::accounts::LINKS_PER_HOUR` of a kind.
    AccountMail,
    /// "Email me this again" on order pages ([`ORDER_MAIL_PER_HOUR`]).
    OrderMail,
    /// Promo codes tried, right or wrong (`POPSHOP_CODE_TRY_RATE` a
    /// minute); each drop also takes at most [`CODE_MISSES_PER_DROP_MINUTE`]
    /// wrong codes a minute from everyone.
    CodeTry,
    /// Addresses left on sold-out drops ([`RESTOCK_PER_HOUR`]).
    Restock,
    /// Fans' reports of a shop to the operators ([`REPORTS_PER_HOUR`]).
    Report,
}

impl Action {
    const ALL: [Action; 12] = [
        Action::Checkout,
        Action::SignUp,
        Action::Launch,
        Action::Preview,
        Action::Idea,
        Action::Vote,
        Action::Visit,
        Action::AccountMail,
        Action::OrderMail,
        Action::CodeTry,
        Action::Restock,
        Action::Report,
    ];
}

/// Stripe onboarding links one artist may ask for a minute (each is a call
/// on the platform's Stripe rate limit).
pub const STRIPE_LINKS_PER_MINUTE: u32 = 5;

/// Wrong promo codes tried on one drop a minute, by everyone: bounds a
/// guesser who spreads over many addresses. Beyond it, no code is looked
/// up on that drop until the allowance is back (fans can still buy
/// without one); a right code never counts, so a rush on a shared code
/// is never stopped.
pub const CODE_MISSES_PER_DROP_MINUTE: u32 = 60;

/// Account links (resets, confirmations) one client may ask for an hour.
pub const ACCOUNT_MAIL_PER_HOUR: u32 = 10;
/// Order confirmations one client may ask to be sent again an hour.
pub const ORDER_MAIL_PER_HOUR: u32 = 10;

/// Addresses one client may leave on sold-out drops an hour ("Tell me when
/// it's back"); each drop also takes at most `store::WAITLIST_PER_DROP`.
pub const RESTOCK_PER_HOUR: u32 = 10;
/// Reports one address may file an hour (issue 24): enough for a fan who
/// finds several infringing shops, too few to flood the operators' queue.
pub const REPORTS_PER_HOUR: u32 = 5;
/// Storefront visits counted per client per minute (`routes::shop::seen`).
pub const VISITS_PER_MINUTE: u32 = 120;
/// Print files rendered at once (CPU and ~70 MB of pixels each); more wait
/// their turn. One on a 2-core machine leaves a core to the storefront (see
/// docs/BENCHMARKS.md).
pub const PRINT_RENDERS: usize = 1;
/// Preview shirts drawn at once, and how long a preview waits for a turn.
const PREVIEW_RENDERS: usize = 2;
const PREVIEW_WAIT: Duration = Duration::from_secs(2);
/// How often the thanks page may ask the provider about one order.
const RECONCILE_EVERY: Duration = Duration::from_secs(5);

pub struct Limits {
    /// One allowance per [`Action`], in the order of [`Action::ALL`].
    rates: [PerClientRate; 12],
    /// Stripe Connect calls per artist (keyed by the account id): account
    /// reads and onboarding links. `None`: off.
    stripe_reads: Option<PerClientRate<String>>,
    stripe_links: Option<PerClientRate<String>>,
    /// Wrong promo codes per drop (keyed by the drop's id)…
    code_misses: PerClientRate<String>,
    /// …and the drops that ran out of them, until when.
    codes_closed: std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>,
    /// Asking the provider about one order (keyed by the order, not the client).
    reconcile: PerClientRate<String>,
    /// Bounds concurrent preview renders (a few ms of CPU each).
    pub previews: Slots,
    /// Bounds concurrent print-file renders.
    pub prints: Slots,
}

impl Limits {
    pub fn new(settings: &Settings) -> Self {
        let rate = |action| match action {
            Action::Checkout => PerClientRate::per_minute(settings.checkout_rate_per_minute),
            Action::SignUp => PerClientRate::per_hour(settings.signup_rate_per_hour),
            Action::Launch => PerClientRate::per_hour(settings.launch_rate_per_hour),
            Action::Preview => PerClientRate::per_minute(settings.preview_rate_per_minute),
            Action::Idea => PerClientRate::per_minute(settings.idea_rate_per_minute),
            Action::Vote => PerClientRate::per_minute(settings.vote_rate_per_minute),
            Action::Visit => PerClientRate::per_minute(VISITS_PER_MINUTE),
            Action::AccountMail => PerClientRate::per_hour(ACCOUNT_MAIL_PER_HOUR),
            Action::OrderMail => PerClientRate::per_hour(ORDER_MAIL_PER_HOUR),
            Action::CodeTry => PerClientRate::per_minute(settings.code_try_rate_per_minute),
            Action::Restock => PerClientRate::per_hour(RESTOCK_PER_HOUR),
            Action::Report => PerClientRate::per_hour(REPORTS_PER_HOUR),
        };
        Self {
            rates: Action::ALL.map(rate),
            reconcile: PerClientRate::one_per(RECONCILE_EVERY),
            code_misses: PerClientRate::per_minute(CODE_MISSES_PER_DROP_MINUTE),
            stripe_reads: (settings.stripe_read_seconds > 0)
                .then(|| PerClientRate::one_per(Duration::from_secs(settings.stripe_read_seconds))),
            stripe_links: (settings.stripe_read_seconds > 0)
                .then(|| PerClientRate::per_minute(STRIPE_LINKS_PER_MINUTE)),
            codes_closed: std::sync::Mutex::default(),
            previews: Slots::new(PREVIEW_RENDERS, Some(PREVIEW_WAIT)),
            prints: Slots::new(PRINT_RENDERS, None),
        }
    }

    /// Counts one `action` by `client`. `Err(wait)`: over the limit; try again after `wait`.
    pub fn check(&self, action: Action, client: &Client) -> Result<(), Duration> {
        self.rates[action as usize].check(client)
    }

    /// Counts one promo code tried by `client` on `drop_id`. `Err(wait)`:
    /// this client tried too many lately, or the drop saw too many wrong ones.
    pub fn try_code(&self, client: &Client, drop_id: &str) -> Result<(), Duration> {
        let now = std::time::Instant::now();
        if let Some(until) = crate::sync::lock(&self.codes_closed).get(drop_id).filter(|u| **u > now) {
            return Err(*until - now);
        }
        self.check(Action::CodeTry, client)
    }

    /// A code tried on `drop_id` was wrong: one miss less for the drop; when
    /// none are left, codes on the drop close until there are.
    pub fn code_missed(&self, drop_id: &str) {
        if let Err(wait) = self.code_misses.check_key(&drop_id.to_owned()) {
            crate::sync::lock(&self.codes_closed).insert(drop_id.to_owned(), std::time::Instant::now() + wait);
        }
    }

    /// Whether the artist's Stripe account may be read from Stripe now
    /// (else the page shows what popshop stored).
    pub fn may_read_stripe_account(&self, artist: &str) -> bool {
        self.stripe_reads.as_ref().is_none_or(|r| r.check_key(&artist.to_owned()).is_ok())
    }

    /// Counts one onboarding link made for `artist`. `Err(wait)`: too many lately.
    pub fn link_stripe(&self, artist: &str) -> Result<(), Duration> {
        self.stripe_links.as_ref().map_or(Ok(()), |r| r.check_key(&artist.to_owned()))
    }

    /// Whether the provider may be asked about `order` now.
    pub fn may_reconcile(&self, order: &str) -> bool {
        self.reconcile.check_key(&order.to_owned()).is_ok()
    }

    /// Forgets clients no limit needs to remember any more (bounded memory).
    pub fn forget_idle(&self) {
        for rate in &self.rates {
            rate.forget_idle();
        }
        self.reconcile.forget_idle();
        self.code_misses.forget_idle();
        for rate in [&self.stripe_reads, &self.stripe_links].into_iter().flatten() {
            rate.forget_idle();
        }
        let now = std::time::Instant::now();
        crate::sync::lock(&self.codes_closed).retain(|_, until| *until > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_has_its_own_allowance() {
        let settings = Settings { checkout_rate_per_minute: 1, vote_rate_per_minute: 2, ..Settings::defaults() };
        let limits = Limits::new(&settings);
        let fan = Client::from_ip("10.0.0.1".parse().unwrap());
        assert!(limits.check(Action::Checkout, &fan).is_ok());
        assert!(limits.check(Action::Checkout, &fan).is_err());
        assert!(limits.check(Action::Vote, &fan).is_ok() && limits.check(Action::Vote, &fan).is_ok());
        assert!(limits.check(Action::Vote, &fan).is_err());
        assert!(limits.may_reconcile("o1") && !limits.may_reconcile("o1"));
        assert!(limits.may_reconcile("o2"));
    }
}
