//! Refunds, through the provider that took the order's money (never "the one
//! configured now"): the provider first, then the record, so an order is
//! never marked refunded while its money stays put.

use super::Sales;
use crate::domain::{EventSubject, Order, OrderStatus, PaymentEvent, PaymentEventKind};
use crate::payments::ProviderError;
use crate::store::EventOutcome;

#[derive(Debug, thiserror::Error)]
pub enum RefundError {
    #[error("only paid orders can be refunded")]
    NotRefundable,
    /// The shirts left the printer: the fan returns them first (the artist
    /// marks the order returned), then it can be refunded.
    #[error("shipped: a return comes first")]
    Shipped,
    /// The provider said no; its reason is for the artist.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Refunds a paid (or refund-due) order in full, then records it.
#[tracing::instrument(skip_all, fields(order = %order.id))]
pub async fn refund_order(sales: &Sales, order: &Order) -> Result<EventOutcome, RefundError> {
    if !matches!(order.status, OrderStatus::Paid | OrderStatus::RefundDue) {
        return Err(RefundError::NotRefundable);
    }
    if order.way.fulfilment.is_out() {
        return Err(RefundError::Shipped);
    }
    sales.payments.refund(order).await.map_err(|e| match e {
        ProviderError::Rejected(why) | ProviderError::NotFound(why) => RefundError::Refused(why),
        ProviderError::Unavailable(why) => RefundError::Unavailable(why),
        ProviderError::AlreadyDone => RefundError::Refused("already refunded".into()),
    })?;
    let event = PaymentEvent {
        id: format!("popshop-refund-{}", order.id),
        event_type: "popshop.refund".into(),
        kind: PaymentEventKind::Refunded { fully: true },
        subject: EventSubject::Order(order.id.clone()),
        buyer: Default::default(),
    };
    // Recorded directly (not through `apply_event`, whose follow-up may
    // itself refund); the store announces the new totals.
    sales.store.apply_payment_event(&event, sales.payments.livemode()).await.map_err(Into::into)
}
