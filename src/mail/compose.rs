//! Composing a queued message: what it says (askama templates under
//! `templates/mail/`, plain text and HTML, in the drop's language) and its
//! envelope (lettre: From, To, Subject, a stable Message-ID, Date,
//! `Auto-Submitted: auto-generated`).

use super::Mailer;
use crate::domain::{Drop, Language, Order};
use crate::i18n::{self, Arg};
use crate::store::outbox::{ORDER_PAID, Outgoing};
use askama::Template;
use lettre::Message;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};

/// RFC 3834: transactional mail, so auto-responders stay quiet.
#[derive(Debug, Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The fan's order confirmation, as both templates show it.
pub struct OrderPaid {
    pub lang: Language,
    pub heading: String,
    /// "You're #137".
    pub number: String,
    /// "2 × “Slogan” T-shirt — M, Black".
    pub item: String,
    pub total_label: String,
    pub total: String,
    /// "Shipping $5.00 · arrives in 5–10 business days".
    pub shipping: String,
    /// "Code FRIDAY: −$10.00", when a code was used.
    pub code: Option<String>,
    pub ship_to_label: String,
    pub ship_to: Vec<String>,
    pub reference: String,
    /// The artist's words on the drop, one paragraph per line.
    pub words: Vec<String>,
    pub shop_label: String,
    pub shop_url: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/order_paid.txt")]
struct OrderPaidText<'a> {
    m: &'a OrderPaid,
}

#[derive(Template)]
#[template(path = "mail/order_paid.html")]
struct OrderPaidHtml<'a> {
    m: &'a OrderPaid,
}

/// The message for `queued`, or `None` when there is nothing to send (the
/// order is gone).
pub async fn compose(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Message>> {
    match queued.kind.as_str() {
        ORDER_PAID => {
            let Some(order) = mailer.store.order_by_id(&queued.subject_id).await? else { return Ok(None) };
            let Some(drop) = mailer.store.drop_by_id(&order.drop_id).await? else { return Ok(None) };
            let mail = order_paid(&order, &drop, &mailer.base_url);
            let subject = i18n::text_with(
                drop.language,
                "mail-order-subject",
                &[("number", number_arg(&order)), ("slogan", Arg::Text(drop.slogan.clone()))],
            );
            let text = OrderPaidText { m: &mail }.render()?;
            let html = OrderPaidHtml { m: &mail }.render()?;
            envelope(mailer, queued, &subject, text, html).map(Some)
        }
        other => anyhow::bail!("unknown kind of mail {other:?}"),
    }
}

fn number_arg(order: &Order) -> Arg {
    match order.number {
        Some(n) => Arg::Number(n),
        None => Arg::Text(order.reference()),
    }
}

/// What the confirmation says, in the drop's language.
pub fn order_paid(order: &Order, drop: &Drop, base_url: &str) -> OrderPaid {
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    let code = order.promo_code.as_ref().map(|code| {
        i18n::text_with(
            lang,
            "mail-order-code",
            &[("code", Arg::Text(code.clone())), ("amount", Arg::Text(i18n::money(lang, order.discount)))],
        )
    });
    OrderPaid {
        lang,
        heading: t("mail-order-heading"),
        number: i18n::text_with(lang, "thanks-number", &[("number", number_arg(order))]),
        item: i18n::order_item(lang, order.quantity, &drop.slogan, order.size, order.colour),
        total_label: t("thanks-total"),
        total: i18n::money(lang, order.amount),
        shipping: crate::shop::shipping_line(lang, order.shipping_cost, drop.delivery),
        code,
        ship_to_label: t("mail-order-ship-to"),
        ship_to: order
            .shipping
            .as_ref()
            .map(|a| {
                [&a.name, &a.line1, &a.line2, &format!("{} {}", a.postal_code, a.city), &a.state, &a.country]
                    .into_iter()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        reference: i18n::text_with(lang, "mail-order-reference", &[("reference", Arg::Text(order.reference()))]),
        words: drop.description.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        shop_label: i18n::text_with(lang, "mail-order-shop", &[("artist", Arg::Text(drop.artist_name.clone()))]),
        shop_url: format!("{base_url}/d/{}", drop.slug),
        footer: t("mail-order-footer"),
    }
}

/// The envelope: From, To, Subject, the stable Message-ID, Date, and both parts.
fn envelope(mailer: &Mailer, queued: &Outgoing, subject: &str, text: String, html: String) -> anyhow::Result<Message> {
    let to: Mailbox = queued.to_address.parse()?;
    let domain = mailer.from.email.domain().to_owned();
    Ok(Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{}@{domain}>", queued.message_id)))
        .date_now()
        .header(AutoSubmitted)
        .multipart(MultiPart::alternative_plain_html(text, html))?)
}
