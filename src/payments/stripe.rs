//! Stripe Checkout through async-stripe. Every request carries an idempotency
//! key derived from the order, so a retry never creates a second session or
//! refund; 5xx answers and timeouts are retried with backoff, 4xx are final.

use super::{CheckoutRequest, CheckoutSession, ProviderError};
use crate::config::StripeSettings;
use crate::domain::Order;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;
use std::future::Future;
use stripe::{Client, ClientBuilder, IdempotencyKey, RequestStrategy, StripeError, StripeRequest};
use stripe_checkout::CheckoutSessionMode;
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    CreateCheckoutSessionShippingAddressCollection,
    CreateCheckoutSessionShippingAddressCollectionAllowedCountries as Country, ProductData,
};
use stripe_core::refund::{CreateRefund, CreateRefundReason};

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

    #[tracing::instrument(skip_all, fields(order = %request.order_id))]
    pub async fn create_checkout(&self, request: &CheckoutRequest) -> Result<CheckoutSession, ProviderError> {
        let currency = request
            .unit_amount
            .currency()
            .code()
            .parse::<stripe_types::Currency>()
            .unwrap_or(stripe_types::Currency::USD);
        let mut product = ProductData::new(request.product_name.clone());
        product.images = Some(vec![request.image_url.clone()]);
        let mut price = CreateCheckoutSessionLineItemsPriceData::new(currency);
        price.unit_amount = Some(request.unit_amount.minor());
        price.product_data = Some(product);
        let mut item = CreateCheckoutSessionLineItems::new();
        item.price_data = Some(price);
        item.quantity = Some(request.quantity as u64);
        let countries: Vec<Country> = self.countries.iter().filter_map(|c| c.parse().ok()).collect();
        let create = CreateCheckoutSession::new()
            .mode(CheckoutSessionMode::Payment)
            .line_items(vec![item])
            .shipping_address_collection(CreateCheckoutSessionShippingAddressCollection::new(countries))
            .client_reference_id(request.order_id.clone())
            .metadata(HashMap::from([("order_id".to_owned(), request.order_id.clone())]))
            .expires_at(request.expires_at)
            .success_url(request.success_url.clone())
            .cancel_url(request.cancel_url.clone());
        let key = format!("popshop-checkout-{}", request.order_id);
        let session = self
            .with_retries(&key, |strategy| create.customize().request_strategy(strategy).send(&self.client))
            .await?;
        let url =
            session.url.ok_or_else(|| ProviderError::Unavailable("Stripe returned a session without a URL".into()))?;
        Ok(CheckoutSession { id: session.id.as_str().to_owned(), url })
    }

    #[tracing::instrument(skip_all, fields(order = %order.id))]
    pub async fn refund(&self, order: &Order) -> Result<(), ProviderError> {
        let payment_intent = order
            .payment_intent
            .clone()
            .ok_or_else(|| ProviderError::Rejected("this order has no Stripe payment to refund".into()))?;
        let refund = CreateRefund::new().payment_intent(payment_intent).reason(CreateRefundReason::RequestedByCustomer);
        let key = format!("popshop-refund-{}", order.id);
        self.with_retries(&key, |strategy| refund.customize().request_strategy(strategy).send(&self.client)).await?;
        Ok(())
    }

    /// Sends with the same idempotency key on every try; retries what may
    /// succeed later (5xx, 409, 429, timeouts, network errors) with backoff.
    async fn with_retries<T, F, Fut>(&self, key: &str, send: F) -> Result<T, ProviderError>
    where
        F: Fn(RequestStrategy) -> Fut,
        Fut: Future<Output = Result<T, StripeError>>,
    {
        let key = IdempotencyKey::new(key).map_err(|e| ProviderError::Rejected(format!("idempotency key: {e:?}")))?;
        let mut wait = self.settings.backoff;
        let attempts = self.settings.max_attempts.max(1);
        for attempt in 1..=attempts {
            match send(RequestStrategy::Idempotent(key.clone())).await {
                Ok(value) => return Ok(value),
                Err(StripeError::Stripe(err, status))
                    if (400..500).contains(&status) && status != 409 && status != 429 =>
                {
                    let message = err.message.clone().unwrap_or_else(|| format!("Stripe answered {status}"));
                    tracing::warn!(status, %message, "Stripe refused the request");
                    return Err(ProviderError::Rejected(message));
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
