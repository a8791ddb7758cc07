//! A client that speaks HTTP/1.1 by hand: for what a browser never sends
//! (split heads, slow bodies, idle connections).

use crate::common::TestApp;
use std::time::Duration;

pub struct Raw(pub tokio::net::TcpStream);

impl Raw {
    pub async fn connect(app: &TestApp) -> Self {
        Self(tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap())
    }

    pub async fn send(&mut self, bytes: &str) {
        use tokio::io::AsyncWriteExt;
        self.0.write_all(bytes.as_bytes()).await.unwrap();
    }

    /// Reads until `text` has arrived; returns everything read.
    pub async fn until(&mut self, text: &str) -> String {
        use tokio::io::AsyncReadExt;
        let mut seen = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), async {
            while !String::from_utf8_lossy(&seen).contains(text) {
                let mut buf = [0u8; 4096];
                let n = self.0.read(&mut buf).await.unwrap();
                assert!(n > 0, "closed before {text:?}: {}", String::from_utf8_lossy(&seen));
                seen.extend_from_slice(&buf[..n]);
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no {text:?} within 5 s: {}", String::from_utf8_lossy(&seen)));
        String::from_utf8(seen).unwrap()
    }
}

impl Raw {
    /// Reads until the server closes the connection (at most `within`);
    /// returns everything read, or `None` if it stayed open.
    pub async fn until_closed(&mut self, within: Duration) -> Option<String> {
        use tokio::io::AsyncReadExt;
        let mut seen = Vec::new();
        tokio::time::timeout(within, async {
            loop {
                let mut buf = [0u8; 4096];
                match self.0.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
        })
        .await
        .ok()?;
        Some(String::from_utf8_lossy(&seen).into_owned())
    }
}
