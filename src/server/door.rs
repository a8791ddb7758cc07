//! The front door: each new connection is looked at once, before anything
//! is read from it (`peek`). When its first request is a live stream
//! (`GET /d/{slug}/events` or `GET /c/{slug}/events` over HTTP/1.1, the whole head in the first
//! packet, as browsers and proxies send it) the stream is served here, by a
//! writer that holds nothing but the stream: a viewer costs about 1 KB here
//! instead of the 16 KB actix-http's HTTP/1 dispatcher keeps per connection
//! (an 8 KB read and an 8 KB write buffer; issue 9 asks for under 8 KB per
//! viewer at 18,000 viewers). It also sees at once when the fan closes the
//! tab (the socket reads end-of-file) and frees the client's stream slot.
//!
//! Everything else goes to actix-web untouched, nothing having been read:
//! other requests, a head split over packets, a stream that cannot be
//! opened (unknown drop, too many streams from the client, the database
//! down: actix's handler renders that answer), and streams asked for on a
//! connection that served other requests first (actix's handler serves
//! them, with the same bytes: `routes/shop/events.rs`).

use crate::live::stream::{Kind, LiveStream};
use crate::state::AppState;
use crate::web::client::{Client, client_ip};
use crate::web::headers::{request_id, security_headers};
use actix_server::GracefulShutdownSignal;
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use std::time::{Duration, Instant, SystemTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The most of a request head looked at; longer heads go to actix.
const HEAD_AT_MOST: usize = 4096;
/// Headers a stream request may have; more go to actix.
const HEADERS_AT_MOST: usize = 32;
/// A viewer that takes longer than this to accept a frame is let go (its
/// socket buffer is full: gone, or too slow to follow).
const WRITE_WITHIN: Duration = Duration::from_secs(30);

/// A connection whose first request is a stream that is open and ready.
pub struct Taken {
    stream: LiveStream,
    path: String,
    started: Instant,
}

/// Who serves a new connection.
pub enum Door {
    /// The door: its first request is a live stream, now open, and the
    /// request head has been read off the socket.
    Stream(Taken),
    /// actix-web; nothing has been read.
    Actix,
    /// Nobody: it sent nothing within `POPSHOP_HEAD_SECONDS` (actix would
    /// close it after its own request timeout), or it is already gone.
    Close,
}

/// Looks at a new connection's first bytes.
pub async fn look(io: &mut TcpStream, state: &AppState) -> Door {
    let mut buf = vec![0; HEAD_AT_MOST];
    let seen = match tokio::time::timeout(state.settings.head_timeout, io.peek(&mut buf)).await {
        Ok(Ok(seen)) if seen > 0 => seen,
        Ok(Ok(_)) | Ok(Err(_)) | Err(_) => return Door::Close,
    };
    match take(io, state, &mut buf, seen).await {
        Some(taken) => Door::Stream(taken),
        None => Door::Actix,
    }
}

async fn take(io: &mut TcpStream, state: &AppState, buf: &mut [u8], seen: usize) -> Option<Taken> {
    let started = Instant::now();
    let request = StreamRequest::parse(&buf[..seen])?;
    // Bytes after the head (a pipelined request) are actix's business.
    if seen != request.head_len {
        return None;
    }
    let peer = io.peer_addr().ok()?.ip();
    let settings = &state.settings;
    let client =
        Client::from_ip(client_ip(peer, &request.forwarded, settings.forwarded_header, &settings.trusted_proxies));
    // Refused streams are answered by actix's handler, with its pages.
    let stream = state.live_streams().open(request.kind, &request.slug, client.bucket()).await.ok()?;
    io.read_exact(&mut buf[..request.head_len]).await.ok()?;
    Some(Taken { stream, path: request.path, started })
}

/// Serves an open stream until the client leaves, the socket stops taking
/// frames, the drop's channel closes, or the server shuts down.
pub async fn serve(mut io: TcpStream, taken: Taken, https: bool, shutdown: GracefulShutdownSignal) {
    let Taken { mut stream, path, started } = taken;
    let id = request_id();
    let Some(first) = stream.next().await else { return };
    let mut out = response_head(id.as_str(), https);
    out.extend_from_slice(&first);
    if tracing::enabled!(tracing::Level::INFO) {
        let latency_us = started.elapsed().as_micros() as u64;
        tracing::info!(method = "GET", %path, status = 200, latency_us, request_id = %id, "request");
    }
    drop((path, id));
    let _ = io.set_nodelay(true);
    // A phone that drops off the network without closing never fills the
    // socket buffer at one comment per 15 s; the kernel gives up on it
    // after this instead of TCP's ~15 minutes, freeing its place.
    let _ = socket2::SockRef::from(&io).set_tcp_user_timeout(Some(WRITE_WITHIN));
    if !write(&mut io, &out).await {
        return;
    }
    drop(out);
    let mut probe = [0u8; 16];
    loop {
        tokio::select! {
            // A stream request has no body and nothing follows it: bytes or
            // end-of-file from the client both mean it is done (a closed tab).
            _ = io.read(&mut probe) => return,
            _ = shutdown.notified() => return,
            bytes = stream.next() => match bytes {
                Some(bytes) if write(&mut io, &bytes).await => {}
                _ => return,
            },
        }
    }
}

async fn write(io: &mut TcpStream, bytes: &[u8]) -> bool {
    matches!(tokio::time::timeout(WRITE_WITHIN, io.write_all(bytes)).await, Ok(Ok(())))
}

/// The same headers actix's handler sends (and the envelope adds), for a
/// body that lasts until the connection closes.
fn response_head(request_id: &str, https: bool) -> Vec<u8> {
    let mut head = Vec::with_capacity(768);
    head.extend_from_slice(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n");
    head.extend_from_slice(b"x-accel-buffering: no\r\nconnection: close\r\ndate: ");
    head.extend_from_slice(httpdate::fmt_http_date(SystemTime::now()).as_bytes());
    head.extend_from_slice(b"\r\nx-request-id: ");
    head.extend_from_slice(request_id.as_bytes());
    head.extend_from_slice(b"\r\n");
    for (name, value) in security_headers(https) {
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"\r\n");
    head
}

/// A request head that asks for a live stream and nothing else.
#[derive(Debug)]
struct StreamRequest {
    /// Bytes of the head, up to and including the empty line.
    head_len: usize,
    path: String,
    kind: Kind,
    slug: String,
    /// The forwarding headers, for the client's address behind a proxy.
    forwarded: HeaderMap,
}

impl StreamRequest {
    /// `Some` for a complete `GET /d/{slug}/events` (or `/c/…`) HTTP/1.1 head with no
    /// body and no upgrade; anything else, or anything unusual, is `None`.
    fn parse(bytes: &[u8]) -> Option<Self> {
        let mut headers = [httparse::EMPTY_HEADER; HEADERS_AT_MOST];
        let mut req = httparse::Request::new(&mut headers);
        let httparse::Status::Complete(head_len) = req.parse(bytes).ok()? else { return None };
        if req.method? != "GET" || req.version? != 1 {
            return None;
        }
        let path = req.path?.split('?').next()?;
        let (kind, rest) = if let Some(rest) = path.strip_prefix("/d/") {
            (Kind::Drop, rest)
        } else {
            (Kind::Call, path.strip_prefix("/c/")?)
        };
        let slug = rest.strip_suffix("/events")?;
        if slug.is_empty() || slug.contains('/') || slug.contains('%') {
            return None;
        }
        let mut forwarded = HeaderMap::new();
        for header in req.headers.iter() {
            let name = header.name.to_ascii_lowercase();
            match name.as_str() {
                // Bodies and protocol switches are actix's business.
                "content-length" | "transfer-encoding" | "upgrade" | "expect" => return None,
                "x-forwarded-for" | "forwarded" => {
                    let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
                    forwarded.append(name, HeaderValue::from_bytes(header.value).ok()?);
                }
                _ => {}
            }
        }
        Some(Self { head_len, path: path.to_owned(), kind, slug: slug.to_owned(), forwarded })
    }
}

#[cfg(test)]
mod tests {
    use super::StreamRequest;

    #[test]
    fn only_a_whole_plain_stream_request_is_taken() {
        let take = |head: &str| StreamRequest::parse(head.as_bytes()).map(|r| (r.slug, r.head_len));
        let plain = "GET /d/live-wire/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n";
        assert_eq!(take(plain), Some(("live-wire".into(), plain.len())));
        let call = "GET /c/loser-club/events HTTP/1.1\r\nHost: x\r\n\r\n";
        let taken = StreamRequest::parse(call.as_bytes()).unwrap();
        assert_eq!((taken.kind, taken.slug.as_str()), (super::Kind::Call, "loser-club"));
        let with_query = "GET /d/live-wire/events?t=1 HTTP/1.1\r\nHost: x\r\n\r\n";
        assert_eq!(take(with_query).map(|t| t.0), Some("live-wire".into()));
        for other in [
            "GET /d/live-wire/events HTTP/1.1\r\nHost: x\r\n",
            "GET /d/live-wire/ev",
            "GET /d/live-wire HTTP/1.1\r\n\r\n",
            "GET /d/live-wire/events HTTP/1.0\r\n\r\n",
            "POST /d/live-wire/events HTTP/1.1\r\ncontent-length: 0\r\n\r\n",
            "GET /d/live-wire/events HTTP/1.1\r\ncontent-length: 3\r\n\r\nabc",
            "GET /d/live-wire/events HTTP/1.1\r\nupgrade: websocket\r\n\r\n",
            "GET /d//events HTTP/1.1\r\n\r\n",
            "GET /d/a/b/events HTTP/1.1\r\n\r\n",
            "GET /d/l%69ve/events HTTP/1.1\r\n\r\n",
            "GET /x/live-wire/events HTTP/1.1\r\n\r\n",
            "GET /c/loser-club HTTP/1.1\r\n\r\n",
            "\u{0}\u{1}binary",
        ] {
            assert_eq!(take(other), None, "{other:?}");
        }
    }

    #[test]
    fn forwarding_headers_are_kept_for_the_client_address() {
        let head = "GET /d/x/events HTTP/1.1\r\nX-Forwarded-For: 203.0.113.9\r\nCookie: a=b\r\n\r\n";
        let request = StreamRequest::parse(head.as_bytes()).unwrap();
        assert_eq!(request.forwarded.len(), 1);
        assert_eq!(request.forwarded.get("x-forwarded-for").unwrap(), "203.0.113.9");
    }
}
