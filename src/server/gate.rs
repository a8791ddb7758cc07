//! The server's own limits, in front of everything else: open connections
//! (`POPSHOP_MAX_CONNECTIONS`; the next one is answered with a short 503
//! and closed, instead of the process running out of open files and
//! failing everyone), and how long a request's body may take to arrive
//! (`POPSHOP_BODY_SECONDS`; a body trickling in a byte at a time is cut off
//! with a 408 instead of holding its connection for as long as it likes).

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use futures_util::Stream;
use std::cell::Cell;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Connections being answered "busy" at once, beyond the limit: each holds
/// an open file for up to 1.5 s; past these, a connection is closed at once
/// (a flood cannot eat the files kept for the database and mail).
const TURNING_AWAY: usize = 64;

/// Open connections, all workers together.
#[derive(Clone)]
pub struct Gate {
    open: Arc<AtomicUsize>,
    limit: usize,
    turning_away: Arc<AtomicUsize>,
}

/// What a new connection gets.
pub enum Entry {
    /// Served; its place is freed when it closes.
    In(Place),
    /// Over the limit: answered with a 503 (`turn_away`), then closed.
    Away(Place),
    /// Over the limit while many are being turned away: closed at once.
    Closed,
}

/// One open connection's place; dropping it frees the place.
pub struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Gate {
    pub fn new(limit: usize) -> Self {
        Self { open: Arc::new(AtomicUsize::new(0)), limit, turning_away: Arc::new(AtomicUsize::new(0)) }
    }

    /// A place for a new connection, unless `limit` are open.
    pub fn enter(&self) -> Entry {
        let before = self.open.fetch_add(1, Ordering::AcqRel);
        let place = Place(self.open.clone());
        if before < self.limit {
            return Entry::In(place);
        }
        drop(place);
        let away = self.turning_away.fetch_add(1, Ordering::AcqRel);
        let slot = Place(self.turning_away.clone());
        if away < TURNING_AWAY { Entry::Away(slot) } else { Entry::Closed }
    }
}

/// The answer to a connection over the limit: its request is read (so the
/// close does not reset the connection before the answer is read), a 503
/// with `Retry-After` is written, and the connection is closed. Short and
/// in both languages: nothing about the request is parsed.
pub async fn turn_away(mut io: TcpStream) {
    let mut request = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_millis(500), io.read(&mut request)).await;
    let answer = BUSY.get_or_init(busy_answer);
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        io.write_all(answer).await?;
        io.shutdown().await
    })
    .await;
}

/// The whole answer to a turned-away connection, made once: the error
/// page's own words (`error-crowded`) in English and German.
static BUSY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();

fn busy_answer() -> Vec<u8> {
    use crate::domain::Language;
    let t = crate::i18n::text;
    let page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>popshop: {title}</title>\
         <body style=\"font: 1.125rem/1.5 system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem\">\
         <h1>{title}</h1><p>{note}</p><p lang=\"de\"><strong>{title_de}</strong> {note_de}</p></body></html>",
        title = t(Language::En, "error-crowded"),
        note = t(Language::En, "error-crowded-note"),
        title_de = t(Language::De, "error-crowded"),
        note_de = t(Language::De, "error-crowded-note"),
    );
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/html; charset=utf-8\r\nretry-after: 5\r\n\
         cache-control: no-store\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        page.len()
    );
    [head.into_bytes(), page.into_bytes()].concat()
}

/// Gives `payload` until `within` to arrive in full; after that it ends in
/// an error and the returned flag is set, so the answer can say why.
pub fn with_deadline(payload: Payload, within: Duration) -> (Payload, Rc<Cell<bool>>) {
    let late = Rc::new(Cell::new(false));
    let deadline = Deadline { inner: payload, sleep: Box::pin(tokio::time::sleep(within)), late: late.clone() };
    (Payload::Stream { payload: Box::pin(deadline) }, late)
}

struct Deadline {
    inner: Payload,
    sleep: Pin<Box<tokio::time::Sleep>>,
    late: Rc<Cell<bool>>,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.late.get() {
            return Poll::Ready(None);
        }
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            return Poll::Ready(item);
        }
        if self.sleep.as_mut().poll(cx).is_ready() {
            self.late.set(true);
            let slow = std::io::Error::new(std::io::ErrorKind::TimedOut, "request body too slow");
            return Poll::Ready(Some(Err(PayloadError::Io(slow))));
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, Gate};

    #[test]
    fn the_gate_lets_in_its_limit_and_frees_places() {
        let gate = Gate::new(2);
        let (a, b) = (gate.enter(), gate.enter());
        assert!(matches!((&a, &b), (Entry::In(_), Entry::In(_))));
        assert!(matches!(gate.enter(), Entry::Away(_)));
        assert!(matches!(gate.enter(), Entry::Away(_)), "a refused connection does not keep a place");
        drop(a);
        let c = gate.enter();
        assert!(matches!(c, Entry::In(_)));
        // Past TURNING_AWAY answered at once, the next is closed unanswered.
        let away: Vec<Entry> = (0..super::TURNING_AWAY).map(|_| gate.enter()).collect();
        assert!(away.iter().all(|e| matches!(e, Entry::Away(_))));
        assert!(matches!(gate.enter(), Entry::Closed));
        drop(away);
        assert!(matches!(gate.enter(), Entry::Away(_)));
        drop((b, c));
    }
}
