//! Stripe Checkout through async-stripe. Every request carries an idempotency
//! key derived from the order, so a retry never creates a second session or
//! refund; 5xx answers and timeouts are retried with backoff, 4xx are final.

use super::{CheckoutRequest, CheckoutSession, ProviderError, SessionNow, SessionStatus};
use crate::config::StripeSettings;
use crate::domain::{Language, Order, TaxMode};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;
use std::future::Future;
use stripe::{Client, ClientBuilder, IdempotencyKey, RequestStrategy, StripeError, StripeRequest};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionAutomaticTax, CreateCheckoutSessionAutomaticTaxLiability,
    CreateCheckoutSessionAutomaticTaxLiabilityType, CreateCheckoutSessionLineItems,
    CreateCheckoutSessionLineItemsPriceData, CreateCheckoutSessionLineItemsPriceDataTaxBehavior,
    CreateCheckoutSessionPaymentIntentData, CreateCheckoutSessionPaymentIntentDataTransferData,
    CreateCheckoutSessionShippingAddressCollection,
    CreateCheckoutSessionShippingAddressCollectionAllowedCountries as Country, CreateCheckoutSessionShippingOptions,
    CreateCheckoutSessionShippingOptionsShippingRateData,
    CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimate,
    CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMaximum,
    CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMaximumUnit,
    CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMinimum,
    CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMinimumUnit,
    CreateCheckoutSessionShippingOptionsShippingRateDataFixedAmount,
    CreateCheckoutSessionShippingOptionsShippingRateDataTaxBehavior,
    CreateCheckoutSessionShippingOptionsShippingRateDataType, ExpireCheckoutSession, ProductData,
    RetrieveCheckoutSession,
};
use stripe_checkout::{CheckoutSessionLocale, CheckoutSessionMode};
use stripe_client_core::{RequestBuilder, StripeMethod};
use stripe_core::refund::{CreateRefund, CreateRefundReason};

/// Stripe's tax code "Shipping".
pub const SHIPPING_TAX_CODE: &str = "txcd_92010001";

pub struct StripeProvider {
    client: Client,
    settings: StripeSettings,
    countries: Vec<String>,
}

impl StripeProvider {
    pub fn new(settings: StripeSettings, countries: Vec<String>) -> anyhow::Result<Self> {
        // rustls picks its crypto provider per process; we use ring.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = ClientBuilder::new(settings.secret_key.expose_secret()).timeout(settings.timeout);
        if let Some(base) = &settings.api_base {
            builder = builder.url(base.clone());
        }
        let client = builder.build().map_err(|e| anyhow::anyhow!("{e}")).context("build the Stripe client")?;
        Ok(Self { client, settings, countries })
    }

    pub fn webhook_secret(&self) -> &SecretString {
        &self.settings.webhook_secret
    }

    pub fn connect_webhook_secret(&self) -> Option<&SecretString> {
        self.settings.connect_webhook_secret.as_ref()
    }

    pub fn connect_fee(&self) -> Option<crate::domain::Fee> {
        self.settings.connect
    }

    /// A live key (`sk_live_…`, `rk_live_…`) takes real money; its events say `livemode: true`.
    pub fn livemode(&self) -> bool {
        let key = self.settings.secret_key.expose_secret();
        key.starts_with("sk_live_") || key.starts_with("rk_live_")
    }

    #[tracing::instrument(skip_all, fields(order = %request.order_id))]
    pub async fn create_checkout(&self, request: &CheckoutRequest) -> Result<CheckoutSession, ProviderError> {
        // Stripe measures `expires_at` from when *it* creates the session
        // (30 min–24 h), so each attempt takes the time just before sending,
        // plus the setting (31–1439 minutes). Each attempt is its own request
        // with its own idempotency key: Stripe replays the saved answer of a
        // key, a 500 included, and refuses a key reused with other
        // parameters. A session made by an attempt whose answer was lost was
        // never shown to anyone and lapses unpaid.
        let session = self
            .with_retries(
                |attempt| Some(format!("popshop-checkout-{}-{attempt}", request.order_id)),
                |strategy| {
                    let expires_at = crate::clock::system_now_secs() + request.session_minutes * 60;
                    let create = self.session_params(request, expires_at);
                    async move { create.customize().request_strategy(strategy).send(&self.client).await }
                },
            )
            .await?;
        let url =
            session.url.ok_or_else(|| ProviderError::Unavailable("Stripe returned a session without a URL".into()))?;
        Ok(CheckoutSession { id: session.id.as_str().to_owned(), url })
    }

    fn session_params(&self, request: &CheckoutRequest, expires_at: i64) -> CreateCheckoutSession {
        let currency =
            request.shipping.currency().code().parse::<stripe_types::Currency>().unwrap_or(stripe_types::Currency::USD);
        // Stripe Tax: the price includes VAT/GST or has sales tax added, as
        // buyers of its currency expect; each product and the post carry
        // their tax code.
        let behaviour = match request.tax {
            TaxMode::None => None,
            TaxMode::Inclusive => Some((
                CreateCheckoutSessionLineItemsPriceDataTaxBehavior::Inclusive,
                CreateCheckoutSessionShippingOptionsShippingRateDataTaxBehavior::Inclusive,
            )),
            TaxMode::Exclusive => Some((
                CreateCheckoutSessionLineItemsPriceDataTaxBehavior::Exclusive,
                CreateCheckoutSessionShippingOptionsShippingRateDataTaxBehavior::Exclusive,
            )),
        };
        // One line item per line of the order; shipping once, below.
        let items: Vec<CreateCheckoutSessionLineItems> = request
            .items
            .iter()
            .map(|line| {
                let mut product = ProductData::new(line.name.clone());
                product.images = Some(vec![line.image_url.clone()]);
                if behaviour.is_some() {
                    product.tax_code = Some(line.tax_code.to_owned());
                }
                let mut price = CreateCheckoutSessionLineItemsPriceData::new(currency.clone());
                price.unit_amount = Some(line.unit_amount.minor());
                price.tax_behavior = behaviour.as_ref().map(|(item, _)| item.clone());
                price.product_data = Some(product);
                let mut item = CreateCheckoutSessionLineItems::new();
                item.price_data = Some(price);
                item.quantity = Some(line.quantity as u64);
                item
            })
            .collect();
        let countries: Vec<Country> = self.countries.iter().filter_map(|c| c.parse().ok()).collect();
        // One fixed rate, shown on Stripe's page with the delivery promise;
        // free shipping is said as such rather than left out.
        let mut rate = CreateCheckoutSessionShippingOptionsShippingRateData::new(request.shipping_name.clone());
        rate.type_ = Some(CreateCheckoutSessionShippingOptionsShippingRateDataType::FixedAmount);
        rate.fixed_amount = Some(CreateCheckoutSessionShippingOptionsShippingRateDataFixedAmount::new(
            request.shipping.minor(),
            currency,
        ));
        let day = |value: i64| {
            CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMinimum::new(
                CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMinimumUnit::BusinessDay,
                value,
            )
        };
        let mut estimate = CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimate::new();
        estimate.minimum = Some(day(request.delivery.min_days));
        let maximum = CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMaximum::new(
            CreateCheckoutSessionShippingOptionsShippingRateDataDeliveryEstimateMaximumUnit::BusinessDay,
            request.delivery.max_days,
        );
        estimate.maximum = Some(maximum);
        rate.delivery_estimate = Some(estimate);
        if let Some((_, shipping)) = behaviour {
            rate.tax_behavior = Some(shipping);
            rate.tax_code = Some(SHIPPING_TAX_CODE.to_owned());
        }
        let mut option = CreateCheckoutSessionShippingOptions::new();
        option.shipping_rate_data = Some(rate);
        let mut params = CreateCheckoutSession::new();
        if let Some((destination, fee)) = &request.payout {
            // A destination charge: the artist's account gets the payment,
            // popshop's fee is kept on the way (Stripe Connect).
            let mut intent = CreateCheckoutSessionPaymentIntentData::new();
            intent.transfer_data = Some(CreateCheckoutSessionPaymentIntentDataTransferData::new(destination.clone()));
            intent.application_fee_amount = Some(*fee);
            params = params.payment_intent_data(intent);
        }
        if request.tax != TaxMode::None {
            let mut tax = CreateCheckoutSessionAutomaticTax::new(true);
            // A destination charge is made on the platform, which is the
            // seller of record and liable for the tax ("Tax for
            // marketplaces"); said explicitly rather than left to the default.
            if request.payout.is_some() {
                tax.liability = Some(CreateCheckoutSessionAutomaticTaxLiability::new(
                    CreateCheckoutSessionAutomaticTaxLiabilityType::Self_,
                ));
            }
            params = params.automatic_tax(tax);
        }
        params
            .shipping_options(vec![option])
            .mode(CheckoutSessionMode::Payment)
            .line_items(items)
            .shipping_address_collection(CreateCheckoutSessionShippingAddressCollection::new(countries))
            .client_reference_id(request.order_id.clone())
            .metadata(HashMap::from([("order_id".to_owned(), request.order_id.to_string())]))
            .expires_at(expires_at)
            .success_url(request.success_url.clone())
            .cancel_url(request.cancel_url.clone())
            .locale(match request.language {
                Language::En => CheckoutSessionLocale::En,
                Language::De => CheckoutSessionLocale::De,
            })
    }

    /// `POST /v1/checkout/sessions/{id}/expire`, with an idempotency key
    /// of its own (one per session: every try and every later sweep asks
    /// for the same thing). Stripe refuses (4xx) to expire a session that is
    /// no longer open; then the session is read back, so the caller learns
    /// whether it was paid.
    #[tracing::instrument(skip(self))]
    pub async fn expire(&self, session_id: &str) -> Result<Option<SessionNow>, ProviderError> {
        let request = ExpireCheckoutSession::new(session_id);
        let key = format!("popshop-expire-{session_id}");
        match self
            .with_retries(
                |_| Some(key.clone()),
                |strategy| request.customize().request_strategy(strategy).send(&self.client),
            )
            .await
        {
            Ok(_) => Ok(None),
            Err(ProviderError::Rejected(why)) => {
                let now = self.retrieve(session_id).await?;
                if now.status == SessionStatus::Open {
                    return Err(ProviderError::Rejected(why));
                }
                tracing::info!(status = ?now.status, "session was no longer open");
                Ok((now.status != SessionStatus::Expired).then_some(now))
            }
            Err(other) => Err(other),
        }
    }

    /// `GET /v1/checkout/sessions/{id}`.
    #[tracing::instrument(skip(self))]
    pub async fn retrieve(&self, session_id: &str) -> Result<SessionNow, ProviderError> {
        let request = RetrieveCheckoutSession::new(session_id);
        let session = self
            .with_retries(|_| None, |strategy| request.customize().request_strategy(strategy).send(&self.client))
            .await?;
        Ok(super::webhook::session_now(&session))
    }

    /// A full refund. Each attempt has its own key (a saved 500 would
    /// otherwise be replayed for a day); a second full refund cannot happen,
    /// because Stripe refuses to refund more than was charged — and that
    /// refusal (`charge_already_refunded`) means the refund is done.
    #[tracing::instrument(skip_all, fields(order = %order.id))]
    pub async fn refund(&self, order: &Order) -> Result<(), ProviderError> {
        let payment_intent = order
            .payment_intent
            .clone()
            .ok_or_else(|| ProviderError::Rejected("this order has no Stripe payment to refund".into()))?;
        let mut refund =
            CreateRefund::new().payment_intent(payment_intent).reason(CreateRefundReason::RequestedByCustomer);
        if order.destination.is_some() {
            // A destination charge: take the money back from the artist's
            // account and give popshop's fee back too, as Stripe documents.
            refund = refund.reverse_transfer(true).refund_application_fee(true);
        }
        let started = crate::clock::system_now_ms();
        let result = self
            .with_retries(
                |attempt| Some(format!("popshop-refund-{}-{started}-{attempt}", order.id)),
                |strategy| refund.customize().request_strategy(strategy).send(&self.client),
            )
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(ProviderError::AlreadyDone) => {
                tracing::info!("Stripe says the charge was refunded already");
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Connect: a new Express account for an artist (`POST /v1/accounts`):
    /// Stripe hosts their dashboard and collects what it needs; popshop pays
    /// Stripe's fees and carries the losses, as a platform of destination
    /// charges does. Returns its id (`acct_…`).
    #[tracing::instrument(skip_all, fields(artist = %artist_id))]
    pub async fn create_account(&self, artist_id: &str, email: &str) -> Result<String, ProviderError> {
        let params = super::connect::NewAccount::express(artist_id, email);
        let started = crate::clock::system_now_ms();
        let account: stripe_shared::Account = self
            .with_retries(
                |attempt| Some(format!("popshop-account-{artist_id}-{started}-{attempt}")),
                |strategy| {
                    RequestBuilder::new(StripeMethod::Post, "/accounts")
                        .form(&params)
                        .customize()
                        .request_strategy(strategy)
                        .send(&self.client)
                },
            )
            .await?;
        Ok(account.id.as_str().to_owned())
    }

    /// Connect: a one-time link to Stripe's hosted onboarding for `account`
    /// (`POST /v1/account_links`); Stripe sends the artist back to
    /// `return_url`, or to `refresh_url` when the link has expired or was used.
    #[tracing::instrument(skip(self, refresh_url, return_url))]
    pub async fn onboarding_link(
        &self,
        account: &str,
        refresh_url: &str,
        return_url: &str,
    ) -> Result<String, ProviderError> {
        let params = super::connect::NewAccountLink { account, refresh_url, return_url, type_: "account_onboarding" };
        let link: miniserde::json::Value = self
            .with_retries(
                |_| None,
                |strategy| {
                    RequestBuilder::new(StripeMethod::Post, "/account_links")
                        .form(&params)
                        .customize()
                        .request_strategy(strategy)
                        .send(&self.client)
                },
            )
            .await?;
        match &link {
            miniserde::json::Value::Object(fields) => match fields.get("url") {
                Some(miniserde::json::Value::String(url)) => Ok(url.clone()),
                _ => Err(ProviderError::Unavailable("Stripe returned an account link without a URL".into())),
            },
            _ => Err(ProviderError::Unavailable("Stripe returned no account link".into())),
        }
    }

    /// Connect: what Stripe says about a connected account now
    /// (`GET /v1/accounts/{account}`).
    #[tracing::instrument(skip(self))]
    pub async fn retrieve_account(&self, account: &str) -> Result<crate::domain::PayoutAccount, ProviderError> {
        let found: stripe_shared::Account = self
            .with_retries(
                |_| None,
                |strategy| {
                    RequestBuilder::new(StripeMethod::Get, format!("/accounts/{account}"))
                        .customize()
                        .request_strategy(strategy)
                        .send(&self.client)
                },
            )
            .await?;
        Ok(super::connect::payout_account(&found))
    }

    /// Tries up to `STRIPE_MAX_ATTEMPTS` times, with backoff, what may succeed
    /// later (5xx, 409, 429, timeouts, network errors); a 4xx is final.
    /// `key(attempt)` names each attempt's idempotency key (`None`: no key).
    async fn with_retries<T, K, F, Fut>(&self, key: K, send: F) -> Result<T, ProviderError>
    where
        K: Fn(u32) -> Option<String>,
        F: Fn(RequestStrategy) -> Fut,
        Fut: Future<Output = Result<T, StripeError>>,
    {
        let mut wait = self.settings.backoff;
        let attempts = self.settings.max_attempts.max(1);
        for attempt in 1..=attempts {
            let strategy = key(attempt)
                .and_then(|k| IdempotencyKey::new(k).ok())
                .map_or(RequestStrategy::Once, RequestStrategy::Idempotent);
            match send(strategy).await {
                Ok(value) => return Ok(value),
                Err(StripeError::Stripe(err, status))
                    if (400..500).contains(&status) && status != 409 && status != 429 =>
                {
                    let message = err.message.clone().unwrap_or_else(|| format!("Stripe answered {status}"));
                    tracing::warn!(status, %message, code = ?err.code, "Stripe refused the request");
                    let code = err.code.as_ref().map(|c| c.as_str().to_owned()).unwrap_or_default();
                    return Err(match (status, code.as_str()) {
                        (404, _) | (_, "resource_missing") => ProviderError::NotFound(message),
                        (_, "charge_already_refunded") => ProviderError::AlreadyDone,
                        _ => ProviderError::Rejected(message),
                    });
                }
                Err(err) if attempt == attempts => {
                    tracing::error!(error = %err, attempt, "Stripe unavailable, giving up");
                    return Err(ProviderError::Unavailable(short(&err)));
                }
                Err(err) => {
                    tracing::warn!(error = %short(&err), attempt, "Stripe request failed, retrying");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
            }
        }
        Err(ProviderError::Unavailable("no attempt made".into()))
    }
}

/// A one-line description of a Stripe error for logs and messages.
fn short(err: &StripeError) -> String {
    match err {
        StripeError::Stripe(e, status) => format!("{status}: {}", e.message.as_deref().unwrap_or("no message")),
        StripeError::Timeout => "timed out".into(),
        other => other.to_string().chars().take(200).collect(),
    }
}
