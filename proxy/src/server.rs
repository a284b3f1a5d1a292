//! The accept loop: hyper's HTTP/1 server with a bounded request head and time limits on slow
//! clients (sending or reading), serving the router.
//!
//! Why not `axum::serve`: it does not bound the head size, has no time limit on reading a
//! request, and cannot close a connection without answering, which the stand-in's
//! `--reset-rate` needs.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

use crate::standin::app_config::LocalAddr;

/// Largest request head (request line and headers) accepted; larger ones get hyper's 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// How long clients may take, per connection.
///
/// A client that trickles a request (or sends nothing) otherwise holds a connection, a task and
/// its buffers forever, and one that stalls a request body also holds a concurrency slot (the
/// proxy reads the body before forwarding), so `--max-concurrency` stalled bodies would lock
/// everyone else out with 503s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerLimits {
    /// From the moment the server starts waiting for a request head (a new connection, or a
    /// kept-alive one after its last answer) until the whole head has arrived. It is a deadline,
    /// not an idle timer: a client that sends a byte now and then is cut off all the same. So it
    /// also closes kept-alive connections that sit idle this long (hyper's
    /// `header_read_timeout`). The connection is closed without an answer.
    pub header_timeout: Duration,
    /// From the end of the request head until the end of its body, also a deadline. A handler
    /// that reads the body then sees [`BodyTimeout`] (the proxy answers 408 `PROXY.0408` and the
    /// connection is closed); a handler that does not read it is not affected (hyper closes the
    /// connection after the answer instead of waiting for the unread body).
    pub body_timeout: Duration,
    /// How long a write to the client may make no progress (the client stopped reading and the
    /// socket buffers are full). An idle timer, reset by every byte the client takes, so a slow
    /// but live download of a big answer goes on. Past it the connection is closed, which frees
    /// the answer the connection still holds (up to `--max-response-bytes`).
    pub write_timeout: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_timeout: Duration::from_secs(15),
            body_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
        }
    }
}

/// A response extension: close the connection instead of sending this response.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "connection dropped on purpose")
    }
}

impl std::error::Error for DropConnection {}

/// The error a request body yields when it did not arrive within
/// [`ServerLimits::body_timeout`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyTimeout;

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimeout {}

impl BodyTimeout {
    /// Whether `error` or any error in its `source()` chain is a [`BodyTimeout`] (body readers
    /// such as `axum::body::to_bytes` wrap it).
    pub fn is_cause_of(error: &(dyn std::error::Error + 'static)) -> bool {
        let mut next = Some(error);
        while let Some(e) = next {
            if e.is::<BodyTimeout>() {
                return true;
            }
            next = e.source();
        }
        false
    }
}

/// A request body that ends in a [`BodyTimeout`] error once its deadline has passed.
///
/// The timer is only armed when the body is actually waited for, so requests without a body,
/// or whose body is already buffered, cost nothing.
pub struct DeadlineBody {
    inner: Incoming,
    deadline: Instant,
    sleep: Option<Pin<Box<Sleep>>>,
    timed_out: bool,
}

impl DeadlineBody {
    pub fn new(inner: Incoming, deadline: Instant) -> Self {
        DeadlineBody {
            inner,
            deadline,
            sleep: None,
            timed_out: false,
        }
    }
}

impl Body for DeadlineBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if this.timed_out {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|r| r.map_err(Into::into))),
            Poll::Pending => {
                let deadline = this.deadline;
                let sleep = this
                    .sleep
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.timed_out = true;
                        Poll::Ready(Some(Err(Box::new(BodyTimeout))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.timed_out || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A connection whose writes fail with `TimedOut` once they have made no progress for a while
/// ([`ServerLimits::write_timeout`]); reads pass through (hyper's own timer bounds the head).
pub struct WriteStallGuard<S> {
    inner: S,
    limit: Duration,
    stall: Pin<Box<Sleep>>,
    /// Whether `stall` is counting: from the first write that could not go on, until progress.
    stalled: bool,
}

impl<S> WriteStallGuard<S> {
    pub fn new(inner: S, limit: Duration) -> Self {
        WriteStallGuard {
            inner,
            limit,
            stall: Box::pin(tokio::time::sleep(limit)),
            stalled: false,
        }
    }

    /// Bookkeeping after a write-side poll: progress stops the timer, waiting starts or
    /// continues it, and a timer that ran out turns the wait into an error.
    fn watch<T>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if poll.is_ready() {
            self.stalled = false;
            return poll;
        }
        if !self.stalled {
            self.stalled = true;
            let deadline = Instant::now() + self.limit;
            self.stall.as_mut().reset(deadline);
        }
        match self.stall.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteStallGuard<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteStallGuard<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch(cx, poll)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_flush(cx);
        this.watch(cx, poll)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.watch(cx, poll)
    }
}

/// How a connection ended, as the server saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectionEnd {
    /// The client closed it, or it ended after an answer (`Connection: close`, an unread body).
    Finished,
    /// No complete request head within [`ServerLimits::header_timeout`].
    HeadTimeout,
    /// A write made no progress for [`ServerLimits::write_timeout`].
    WriteStalled,
    /// Anything else: a broken request, a reset, a dropped connection (`DropConnection`).
    Failed,
}

impl ConnectionEnd {
    fn of(result: Result<(), hyper::Error>) -> Self {
        let Err(error) = result else {
            return ConnectionEnd::Finished;
        };
        if error.is_timeout() {
            return ConnectionEnd::HeadTimeout;
        }
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        while let Some(e) = source {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::TimedOut)
            {
                return ConnectionEnd::WriteStalled;
            }
            source = e.source();
        }
        ConnectionEnd::Failed
    }
}

/// Told the client's address and how its connection ended, once per connection. Tests wait on
/// it instead of timing the connection from outside.
pub type ConnectionObserver = std::sync::Arc<dyn Fn(SocketAddr, ConnectionEnd) + Send + Sync>;

/// The client's address, put in each request's extensions by [`serve`] (the test clock
/// answers loopback clients only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeerAddr(pub std::net::SocketAddr);

/// Serves `app` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, app: Router, limits: ServerLimits) {
    serve_observed(listener, app, limits, std::sync::Arc::new(|_, _| {})).await
}

/// [`serve`], telling `observer` how each connection ended.
pub async fn serve_observed(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    observer: ConnectionObserver,
) {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => {
                // Out of file descriptors and the like: wait instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let app = app.clone();
        let observer = observer.clone();
        let local = stream.local_addr().ok().map(LocalAddr);
        let peer_addr = PeerAddr(peer);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let app = app.clone();
                let deadline = Instant::now() + limits.body_timeout;
                async move {
                    let mut request = request
                        .map(|body| axum::body::Body::new(DeadlineBody::new(body, deadline)));
                    if let Some(local) = local {
                        request.extensions_mut().insert(local);
                    }
                    request.extensions_mut().insert(peer_addr);
                    let response = app
                        .oneshot(request)
                        .await
                        .unwrap_or_else(|never| match never {});
                    if response.extensions().get::<DropConnection>().is_some() {
                        return Err(DropConnection);
                    }
                    Ok(response)
                }
            });
            let result = hyper::server::conn::http1::Builder::new()
                .max_buf_size(MAX_HEAD_BYTES)
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(
                    TokioIo::new(WriteStallGuard::new(stream, limits.write_timeout)),
                    service,
                )
                .await;
            observer(peer, ConnectionEnd::of(result));
        });
    }
}
