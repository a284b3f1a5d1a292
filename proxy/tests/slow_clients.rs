//! Slow clients (issue 9, item 5): a client that trickles or stalls a request head or body,
//! keeps a connection open doing nothing, or stops reading an answer, is cut off after the
//! configured time, and the server keeps serving everyone else meanwhile.
//!
//! The limits are set to 1 s here (`--header-timeout-secs 1`, `--body-timeout-secs 1`,
//! `--write-timeout-secs 1`). The tests wait on events, not on the clock: the server reports
//! how it ended each connection (`serve_observed`), and a client sees its connection close.
//! Every wait is bounded only by the support's `HANG_GUARD` (20 s), below hyper's own 30 s
//! defaults, so each test fails if its limit is removed or not wired to its flag.

mod support;

use std::time::Duration;

use logins_proxy::server::ConnectionEnd;
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

const TARGET: &str = "/https://workspace.cn-north-4.myhuaweicloud.com/v2/p1/connections/desktops";
/// A target the stand-in does not answer itself, so the proxy reads the body to forward it.
const FORWARDED: &str = "/https://iam.myhuaweicloud.com/v3/auth/tokens";

/// Reads until the server closes the connection (EOF or reset) and returns what arrived.
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let read_all = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(HANG_GUARD, read_all)
        .await
        .unwrap_or_else(|_| panic!("still open after {HANG_GUARD:?}"));
    received
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
        let n = tokio::time::timeout(HANG_GUARD, stream.read(&mut buf))
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

/// Waits until the server ends `stream`'s connection, checks how, and returns what the
/// client received before the close.
async fn assert_ended(
    what: &str,
    proxy: &Proxy,
    stream: &mut TcpStream,
    expected: ConnectionEnd,
) -> String {
    let client = stream.local_addr().unwrap();
    assert_eq!(proxy.wait_connection_end(client).await, expected, "{what}");
    String::from_utf8_lossy(&read_until_closed(stream).await).into_owned()
}

#[tokio::test]
async fn a_stalled_or_trickled_request_head_is_cut_off() {
    let proxy = start_proxy(&[
        "--stand-in",
        "--records",
        "100",
        "--header-timeout-secs",
        "1",
    ])
    .await;

    // 1. Half a request head, then nothing.
    let mut stalled = connect(&proxy).await;
    stalled
        .write_all(b"GET /app-config.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        .await
        .unwrap();

    // 2. A head trickled one byte every 100 ms (it would take 6.6 s): each byte arrives long
    //    before any idle timer would fire, so only a deadline on the whole head stops it;
    //    with an idle timer the head would complete and be answered.
    let mut trickled = connect(&proxy).await;
    let trickled_client = trickled.local_addr().unwrap();
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

    let said = assert_ended(
        "stalled head",
        &proxy,
        &mut stalled,
        ConnectionEnd::HeadTimeout,
    )
    .await;
    assert_eq!(said, "", "a head timeout closes without an answer");
    let said = assert_ended(
        "silent connection",
        &proxy,
        &mut silent,
        ConnectionEnd::HeadTimeout,
    )
    .await;
    assert_eq!(said, "");
    assert_eq!(
        proxy.wait_connection_end(trickled_client).await,
        ConnectionEnd::HeadTimeout,
        "trickled head"
    );
    let mut trickled = trickle.await.unwrap();
    assert_eq!(read_until_closed(&mut trickled).await, b"");

    // And the server still serves new connections afterwards.
    assert_eq!(get(&proxy.url("/app-config.json"), &[]).await.status, 200);
}

#[tokio::test]
async fn stalled_clients_do_not_hold_up_others() {
    // The default limits (15 s for heads, 30 s for bodies), so the stalled connections are
    // certainly still open when the normal request has been answered.
    let proxy = start_proxy(&["--stand-in", "--records", "100"]).await;
    let mut half_head = connect(&proxy).await;
    half_head
        .write_all(b"GET /app-config.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        .await
        .unwrap();
    let silent = connect(&proxy).await;
    // A forwarded request (the stand-in does not read bodies): the proxy waits for its body.
    let mut half_body = connect(&proxy).await;
    let head =
        format!("POST {FORWARDED} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{{");
    half_body.write_all(head.as_bytes()).await.unwrap();

    let ok = get(&proxy.url("/app-config.json"), &[]).await;
    assert_eq!(ok.status, 200);
    for (what, stream) in [
        ("half head", &half_head),
        ("silent", &silent),
        ("half body", &half_body),
    ] {
        let client = stream.local_addr().unwrap();
        assert_eq!(proxy.connection_end(client), None, "{what} ended early");
    }
}

#[tokio::test]
async fn a_stalled_request_body_is_answered_408_and_frees_its_concurrency_slot() {
    // One slot, so a stalled body visibly locks everyone else out until the deadline.
    let proxy = start_proxy(&["--body-timeout-secs", "1", "--max-concurrency", "1"]).await;
    let mut stalled = connect(&proxy).await;
    let stalled_client = stalled.local_addr().unwrap();
    let head = format!(
        "POST {TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{\"only\":"
    );
    stalled.write_all(head.as_bytes()).await.unwrap();

    // Once the proxy has the head it waits for the body, holding the only slot: others are
    // refused 503. Until then they are answered 404 (nothing at that path).
    loop {
        let r = get(&proxy.url("/nothing-here"), &[]).await;
        if r.status == 503 {
            assert_eq!(r.error_code(), "PROXY.0503");
            break;
        }
        assert_eq!(r.status, 404, "{:?}", r.body);
        assert_eq!(
            proxy.connection_end(stalled_client),
            None,
            "the stalled body was cut off before it was seen holding the slot"
        );
        tokio::task::yield_now().await;
    }

    let said = String::from_utf8_lossy(&read_until_closed(&mut stalled).await).into_owned();
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
    let client = connect(&proxy).await;
    let head = format!("POST {TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n");
    let (mut reader, mut writer) = client.into_split();
    writer.write_all(head.as_bytes()).await.unwrap();
    // One byte every 100 ms would take 5 s: every byte resets an idle timer, not a deadline.
    // With an idle timer the body would complete and be forwarded (no 408).
    let trickle = tokio::spawn(async move {
        for _ in 0..50 {
            if writer.write_all(b"x").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let mut received = Vec::new();
    tokio::time::timeout(HANG_GUARD, async {
        let mut buf = [0u8; 4096];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .expect("the connection should be closed");
    trickle.abort();
    let said = String::from_utf8_lossy(&received);
    assert!(said.starts_with("HTTP/1.1 408 "), "{said}");
}

#[tokio::test]
async fn a_body_nobody_reads_does_not_hold_the_connection() {
    // The stand-in never reads request bodies: it answers at once, and hyper closes the
    // connection after the answer instead of waiting for the rest of the body (the default
    // body deadline is 30 s, beyond the hang guard).
    let proxy = start_proxy(&["--stand-in", "--records", "10"]).await;
    let mut client = connect(&proxy).await;
    let head =
        format!("POST {TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{{");
    client.write_all(head.as_bytes()).await.unwrap();
    let received = read_until_closed(&mut client).await;
    let said = String::from_utf8_lossy(&received);
    assert!(said.starts_with("HTTP/1.1 404 "), "{said}");
    assert!(said.contains("APIGW.0101"), "{said}");
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
    let said = assert_ended(
        "idle kept-alive connection",
        &proxy,
        &mut client,
        ConnectionEnd::HeadTimeout,
    )
    .await;
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

    // The proxy's write makes no progress for a second: it gives up and closes. Reading now
    // gets what was already in the socket buffers, then the end: far less than the answer,
    // which a client that kept reading would have received whole.
    let client_addr = client.local_addr().unwrap();
    assert_eq!(
        proxy.wait_connection_end(client_addr).await,
        ConnectionEnd::WriteStalled
    );
    let received = read_until_closed(&mut client).await;
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
