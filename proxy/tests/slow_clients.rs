//! Slow clients (issue 9, item 5): a client that trickles or stalls a request head or body,
//! keeps a connection open doing nothing, or stops reading an answer, is cut off after the
//! configured time, and the server keeps serving everyone else meanwhile.
//!
//! The limits are set to 1 s here (`--header-timeout-secs 1`, `--body-timeout-secs 1`,
//! `--write-timeout-secs 1`) and every assertion has an upper bound well below the defaults
//! (hyper's own is 30 s for heads), so each test fails if the limit is removed or not wired to
//! its flag.

mod support;

use std::time::{Duration, Instant};

use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// A cut-off must come after the limit (minus timer slack)...
const NOT_BEFORE: Duration = Duration::from_millis(800);
/// ...and well before hyper's 30 s default, with room for a loaded CI machine.
const NOT_AFTER: Duration = Duration::from_secs(4);
/// The longest any single wait in these tests may take.
const GIVE_UP: Duration = Duration::from_secs(8);

const TARGET: &str = "/https://workspace.cn-north-4.myhuaweicloud.com/v2/p1/connections/desktops";

/// Reads until the server closes the connection (EOF or reset). Returns what arrived and when
/// the connection ended, or `None` if it was still open after [`GIVE_UP`].
async fn read_until_closed(stream: &mut TcpStream) -> Option<(Vec<u8>, Instant)> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + GIVE_UP;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some((received, Instant::now())),
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
}

/// Reads exactly one response (head, then a `Content-Length` body) without waiting for the
/// connection to close.
async fn read_one_response(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = find(&received, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map(|v| v.trim().parse().unwrap())
                .expect("a content-length");
            if received.len() >= end + 4 + length {
                return String::from_utf8_lossy(&received[..end + 4 + length]).into_owned();
            }
        }
        let n = tokio::time::timeout(GIVE_UP, stream.read(&mut buf))
            .await
            .expect("a response in time")
            .expect("read");
        assert!(n > 0, "closed mid-response: {:?}", received);
        received.extend_from_slice(&buf[..n]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

async fn connect(proxy: &Proxy) -> TcpStream {
    TcpStream::connect(proxy.addr).await.expect("connect")
}

/// Asserts that `stream` is closed by the server between [`NOT_BEFORE`] and [`NOT_AFTER`] after
/// `since`, and returns whatever it sent before closing.
async fn assert_cut_off(what: &str, stream: &mut TcpStream, since: Instant) -> String {
    let (received, closed_at) = read_until_closed(stream)
        .await
        .unwrap_or_else(|| panic!("{what}: still open after {GIVE_UP:?}"));
    let after = closed_at - since;
    assert!(
        (NOT_BEFORE..NOT_AFTER).contains(&after),
        "{what}: closed after {after:?}, expected between {NOT_BEFORE:?} and {NOT_AFTER:?}"
    );
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn a_stalled_or_trickled_request_head_is_cut_off_while_others_are_served() {
    let proxy = start_proxy(&[
        "--stand-in",
        "--records",
        "100",
        "--header-timeout-secs",
        "1",
    ])
    .await;
    let start = Instant::now();

    // 1. Half a request head, then nothing.
    let mut stalled = connect(&proxy).await;
    stalled
        .write_all(b"GET /app-config.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        .await
        .unwrap();

    // 2. A head trickled one byte every 100 ms: each byte arrives long before any idle timer
    //    would fire, so only a deadline on the whole head stops it (it would take 5 s).
    let mut trickled = connect(&proxy).await;
    let head = b"GET /app-config.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 12345\r\n\r\n";
    let trickle = tokio::spawn(async move {
        for byte in head {
            if trickled.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        trickled
    });

    // 3. Connected, and not a single byte sent.
    let mut silent = connect(&proxy).await;

    // Meanwhile a normal client is served at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let asked = Instant::now();
    let ok = get(&proxy.url("/app-config.json"), &[]).await;
    assert_eq!(ok.status, 200);
    assert!(
        asked.elapsed() < Duration::from_millis(500),
        "a normal request took {:?} while others stalled",
        asked.elapsed()
    );

    let said = assert_cut_off("stalled head", &mut stalled, start).await;
    assert_eq!(said, "", "a head timeout closes without an answer");
    assert_cut_off("silent connection", &mut silent, start).await;
    let mut trickled = trickle.await.unwrap();
    let said = assert_cut_off("trickled head", &mut trickled, start).await;
    assert_eq!(said, "");

    // And the server still serves new connections afterwards.
    assert_eq!(get(&proxy.url("/app-config.json"), &[]).await.status, 200);
}

#[tokio::test]
async fn a_stalled_request_body_is_answered_408_and_frees_its_concurrency_slot() {
    // One slot, so a stalled body visibly locks everyone else out until the deadline.
    let proxy = start_proxy(&["--body-timeout-secs", "1", "--max-concurrency", "1"]).await;
    let start = Instant::now();
    let mut stalled = connect(&proxy).await;
    let head = format!(
        "POST {TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{\"only\":"
    );
    stalled.write_all(head.as_bytes()).await.unwrap();

    // While the body is stalled the proxy is waiting for it, holding the only slot.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let busy = get(&proxy.url("/nothing-here"), &[]).await;
    assert_eq!(busy.status, 503, "the stalled body should hold the slot");
    assert_eq!(busy.error_code(), "PROXY.0503");

    let said = assert_cut_off("stalled body", &mut stalled, start).await;
    assert!(said.starts_with("HTTP/1.1 408 "), "{said}");
    assert!(said.contains("PROXY.0408"), "{said}");

    // The slot is free again.
    let after = get(&proxy.url("/nothing-here"), &[]).await;
    assert_eq!(after.status, 404);
    assert!(proxy.log_text().contains(" 408 "), "{}", proxy.log_text());
}

#[tokio::test]
async fn a_trickled_request_body_is_cut_off_at_the_deadline() {
    let proxy = start_proxy(&["--body-timeout-secs", "1"]).await;
    let start = Instant::now();
    let mut client = connect(&proxy).await;
    let head = format!("POST {TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n");
    client.write_all(head.as_bytes()).await.unwrap();
    // One byte every 100 ms would take 5 s: every byte resets an idle timer, not a deadline.
    let (mut reader, mut writer) = client.into_split();
    let trickle = tokio::spawn(async move {
        for _ in 0..50 {
            if writer.write_all(b"x").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let mut received = Vec::new();
    let closed_at = tokio::time::timeout(GIVE_UP, async {
        let mut buf = [0u8; 4096];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .expect("the connection should be closed");
    trickle.abort();
    let after = closed_at - start;
    assert!(
        (NOT_BEFORE..NOT_AFTER).contains(&after),
        "closed after {after:?}"
    );
    let said = String::from_utf8_lossy(&received);
    assert!(said.starts_with("HTTP/1.1 408 "), "{said}");
}

#[tokio::test]
async fn a_body_nobody_reads_does_not_hold_the_connection() {
    // The stand-in never reads request bodies: it answers at once, and hyper closes the
    // connection after the answer instead of waiting for the rest of the body, long before the
    // (default, 30 s) body deadline.
    let proxy = start_proxy(&["--stand-in", "--records", "10"]).await;
    let start = Instant::now();
    let mut client = connect(&proxy).await;
    let head =
        format!("POST {TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{{");
    client.write_all(head.as_bytes()).await.unwrap();
    let (received, closed_at) = read_until_closed(&mut client)
        .await
        .expect("closed after the answer");
    let said = String::from_utf8_lossy(&received);
    assert!(said.starts_with("HTTP/1.1 404 "), "{said}");
    assert!(said.contains("APIGW.0101"), "{said}");
    assert!(closed_at - start < Duration::from_secs(2));
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let proxy = start_proxy(&[
        "--stand-in",
        "--records",
        "10",
        "--header-timeout-secs",
        "1",
    ])
    .await;
    let mut client = connect(&proxy).await;
    let request = b"GET /app-config.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    // Two requests on one connection: it is kept alive...
    for _ in 0..2 {
        client.write_all(request).await.unwrap();
        let response = read_one_response(&mut client).await;
        assert!(response.starts_with("HTTP/1.1 200 "), "{response}");
        assert!(!response.to_ascii_lowercase().contains("connection: close"));
    }
    // ...until it sits idle for the header timeout.
    let idle_since = Instant::now();
    let said = assert_cut_off("idle kept-alive connection", &mut client, idle_since).await;
    assert_eq!(said, "");
}

/// Bigger than any socket buffers on loopback (the server's send buffer grows to a few MiB).
const BIG_ANSWER: usize = 32 * 1024 * 1024;
const HOST: &str = "workspace.cn-north-4.myhuaweicloud.com";

#[tokio::test]
async fn a_client_that_stops_reading_is_cut_off() {
    // An upstream whose answer is 32 MiB, which the proxy buffers and then sends to the client.
    let app = axum::Router::new().fallback(|| async { vec![b'x'; BIG_ANSWER] });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let pin = format!("{HOST}={upstream}");
    let proxy = start_proxy(&[
        "--allow-insecure-upstream",
        "--resolve",
        &pin,
        "--write-timeout-secs",
        "1",
    ])
    .await;

    // A client with a small receive buffer that asks, and then does not read.
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(16 * 1024).unwrap();
    let mut client = socket.connect(proxy.addr).await.unwrap();
    let request = format!("GET /http://{HOST}/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    client.write_all(request.as_bytes()).await.unwrap();

    // Meanwhile others are served.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let asked = Instant::now();
    assert_eq!(get(&proxy.url("/nothing-here"), &[]).await.status, 404);
    assert!(asked.elapsed() < Duration::from_millis(500));

    // By now the proxy's write has made no progress for over a second: it gave up and closed.
    // Reading now gets what was already in the socket buffers, then the end: far less than the
    // answer, which a client that kept reading would have received whole.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let (received, _) = read_until_closed(&mut client)
        .await
        .expect("the connection was closed");
    assert!(
        received.starts_with(b"HTTP/1.1 200 "),
        "{:?}",
        String::from_utf8_lossy(&received[..received.len().min(100)])
    );
    assert!(
        received.len() < BIG_ANSWER * 3 / 4,
        "received {} of {BIG_ANSWER} bytes: the stalled write was not cut off",
        received.len()
    );

    // A client that reads gets all of it.
    let whole = get(&proxy.url(&format!("/http://{HOST}/big")), &[]).await;
    assert_eq!(whole.body.len(), BIG_ANSWER);
}
