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

/// Reloads the policy at each `SIGHUP`, for as long as the server runs.
#[cfg(unix)]
pub async fn reload_on_sighup(app: Arc<App>) {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut hangups) = signal(SignalKind::hangup()) else {
        return;
    };
    while hangups.recv().await.is_some() {
        eprintln!("{}", ServeMsg::SighupReceived.text(app.settings.lang));
        let _ = reload_now(&app).await;
    }
}

/// Completes at `SIGTERM` or Ctrl-C, saying which.
pub async fn stop_signal(lang: zhengce::lang::Lang) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = async {
            match signal(SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        let name = tokio::select! {
            _ = term => "SIGTERM",
            _ = tokio::signal::ctrl_c() => "SIGINT",
        };
        eprintln!("{}", ServeMsg::Stopping.with([name]).get(lang));
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("{}", ServeMsg::Stopping.with(["Ctrl-C"]).get(lang));
    }
}
