//! The HTTP server: connections accepted on the listener, each served by hyper's HTTP/1
//! connection (keep-alive; no `Date` header, so that the same request gets the same
//! bytes and nothing is read from the clock but latency); `SIGHUP` reloads the policy;
//! `SIGTERM` or Ctrl-C stop accepting and let the requests in progress finish.

use crate::app::App;
use crate::handlers::admin::reload_now;
use crate::messages::ServeMsg;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

/// How long the requests in progress have to finish once the server is told to stop.
const GRACE: Duration = Duration::from_secs(10);
/// How long to wait before accepting again after the system refused a connection
/// (out of file descriptors): the refusals would otherwise spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// Serves `listener` until `shutdown` completes, then waits (up to a grace period) for
/// the connections' requests in progress.
pub async fn serve(listener: TcpListener, app: Arc<App>, shutdown: impl Future<Output = ()>) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, app.clone(), stop_rx.clone()));
                }
                Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
            },
            // Finished connections are let go as they finish.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(GRACE, async { while connections.join_next().await.is_some() {} }).await;
}

/// Serves one connection until it closes, or until the server stops (then its request
/// in progress, if any, is finished first).
async fn connection(stream: TcpStream, app: Arc<App>, mut stop: watch::Receiver<bool>) {
    // Responses are small and written whole: sent at once, not held for more.
    let _ = stream.set_nodelay(true);
    let wait = app.settings.wait;
    let service = service_fn(move |req| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(app.handle(req).await) }
    });
    let mut builder = http1::Builder::new();
    builder
        .auto_date_header(false)
        .keep_alive(true)
        .timer(TokioTimer::new())
        .header_read_timeout(wait);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// The signals the server answers: `SIGHUP` reloads, `SIGTERM` and `SIGINT` stop. They
/// are registered before the server says where it listens, since a signal that came
/// earlier would take its default action and end the process.
#[cfg(unix)]
pub struct Signals {
    hangup: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    /// Registers them (inside the runtime).
    pub fn register() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            hangup: signal(SignalKind::hangup())?,
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    /// Reloads the policy at each `SIGHUP` while the server runs, and completes at
    /// `SIGTERM` or `SIGINT`, saying which.
    pub async fn serve(mut self, app: Arc<App>) {
        let lang = app.settings.lang;
        loop {
            let name = tokio::select! {
                Some(()) = self.hangup.recv() => {
                    eprintln!("{}", ServeMsg::SighupReceived.text(lang));
                    let _ = reload_now(&app).await;
                    continue;
                }
                _ = self.terminate.recv() => "SIGTERM",
                _ = self.interrupt.recv() => "SIGINT",
            };
            eprintln!("{}", ServeMsg::Stopping.with([name]).get(lang));
            return;
        }
    }
}

/// Completes at Ctrl-C, saying so (no `SIGHUP` here: reload by the route).
#[cfg(not(unix))]
pub async fn stop_signal(lang: zhengce::lang::Lang) {
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("{}", ServeMsg::Stopping.with(["Ctrl-C"]).get(lang));
}
