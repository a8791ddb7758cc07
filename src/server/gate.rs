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

/// Open connections, all workers together.
#[derive(Clone)]
pub struct Gate {
    open: Arc<AtomicUsize>,
    limit: usize,
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
        Self { open: Arc::new(AtomicUsize::new(0)), limit }
    }

    /// A place for a new connection, unless `limit` are open.
    pub fn enter(&self) -> Option<Place> {
        let before = self.open.fetch_add(1, Ordering::AcqRel);
        let place = Place(self.open.clone());
        (before < self.limit).then_some(place)
    }
}

/// The answer to a connection over the limit: its request is read (so the
/// close does not reset the connection before the answer is read), a 503
/// with `Retry-After` is written, and the connection is closed. Short and
/// in both languages: nothing about the request is parsed.
pub async fn turn_away(mut io: TcpStream) {
    const PAGE: &str = concat!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>popshop: very busy</title>",
        "<body style=\"font: 1.125rem/1.5 system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem\">",
        "<h1>So many people are here right now</h1>",
        "<p>popshop is serving as many people as it can at this moment. Try again in a few seconds — nothing was lost.</p>",
        "<p lang=\"de\">Gerade sind sehr viele Leute hier. Versuch es in ein paar Sekunden noch einmal — es ist nichts verloren gegangen.</p>",
        "</body></html>"
    );
    let mut request = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_millis(500), io.read(&mut request)).await;
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/html; charset=utf-8\r\nretry-after: 5\r\n\
         cache-control: no-store\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        PAGE.len()
    );
    let answer = [head.as_bytes(), PAGE.as_bytes()].concat();
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        io.write_all(&answer).await?;
        io.shutdown().await
    })
    .await;
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
    use super::Gate;

    #[test]
    fn the_gate_lets_in_its_limit_and_frees_places() {
        let gate = Gate::new(2);
        let (a, b) = (gate.enter(), gate.enter());
        assert!(a.is_some() && b.is_some());
        assert!(gate.enter().is_none());
        assert!(gate.enter().is_none(), "a refused connection does not keep a place");
        drop(a);
        assert!(gate.enter().is_some());
    }
}
