//! Starting the server from its command line: the admin token, the policy (as the CLI
//! chooses it: `--policy`, else `zhengce.toml`'s, else the built-in one, said so), the
//! runtime, the listener, and the signals; the exit code.

use crate::admission::Gate;
use crate::app::{App, Settings};
use crate::args::ServeArgs;
use crate::messages::ServeMsg;
use crate::metrics::Metrics;
use crate::policy::{PolicyHolder, PolicyOrigin, draw, load};
use crate::server::serve;
use std::sync::Arc;
use std::time::Duration;
use zhengce::input::InputLimits;
use zhengce::lang::Lang;
use zhengce::report::messages::{Msg, msg_with};
use zhengce::repository::PolicyRepository;

/// Exit code: stopped as asked.
pub const EXIT_OK: u8 = 0;
/// Exit code: the server could not start (the address is taken, say).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: a mistake on the command line, in `zhengce.toml` or in the token.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the policy has errors.
pub const EXIT_POLICY: u8 = 3;

/// How long stopping waits for the blocking threads (a batch's) still running.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(5);

/// The variable the admin token may be given in.
pub const TOKEN_VARIABLE: &str = "ZHENGCE_ADMIN_TOKEN";

/// Runs the server until it is told to stop; the exit code.
pub fn run(args: ServeArgs) -> u8 {
    let lang = args.lang();
    let admin_token = match admin_token(&args, lang) {
        Ok(token) => token,
        Err(line) => {
            eprintln!("{line}");
            return EXIT_USAGE;
        }
    };
    let origin = match &args.policy {
        Some(path) => PolicyOrigin::File(path.clone()),
        None => match PolicyRepository::find() {
            Ok(found) => found
                .and_then(|r| r.policy)
                .map_or(PolicyOrigin::Builtin, PolicyOrigin::File),
            Err(problem) => {
                eprint!("{}", draw(&problem.diagnostics, &problem.sources, lang));
                return EXIT_USAGE;
            }
        },
    };
    let limits = InputLimits {
        policy_bytes: args.max_policy_bytes,
        case_bytes: args.max_case_bytes,
    };
    let snapshot = match load(&origin, limits) {
        Ok(snapshot) => snapshot,
        Err(refused) => {
            eprint!("{}", refused.drawn(lang));
            eprintln!(
                "{}",
                msg_with(Msg::PolicyHasErrors, lang, &refused.errors().to_string())
            );
            return EXIT_POLICY;
        }
    };
    eprint!("{}", draw(&snapshot.warnings, &snapshot.sources, lang));
    if origin == PolicyOrigin::Builtin {
        eprintln!("{}", msg_with(Msg::UsingBuiltin, lang, snapshot.id()));
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let settings = Settings {
        allow_pii: args.allow_pii,
        lang,
        admin_token,
        case_bytes: args.max_case_bytes,
        batch_bytes: args.max_batch_bytes,
        batch_cases: args.max_batch_cases,
        batch_jobs: args.batch_jobs.unwrap_or(cores),
        wait: Duration::from_secs(args.request_timeout.max(1)),
        access_log: args.access_log,
    };
    let app = Arc::new(App {
        policy: PolicyHolder::new(snapshot, origin, limits),
        settings,
        metrics: Metrics::default(),
        decisions: Gate::new(args.max_in_flight),
        batches: Gate::new(args.max_batches),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.workers.unwrap_or(cores).max(1))
        .enable_all()
        .build();
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("{}", ServeMsg::CannotStart.with([e.to_string()]).get(lang));
            return EXIT_FAILED;
        }
    };
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.listen).await {
            Ok(listener) => listener,
            Err(e) => {
                let line = ServeMsg::CannotListen.with([args.listen.to_string(), e.to_string()]);
                eprintln!("{}", line.get(lang));
                return EXIT_FAILED;
            }
        };
        #[cfg(unix)]
        let signals = match crate::server::Signals::register() {
            Ok(signals) => signals,
            Err(e) => {
                eprintln!("{}", ServeMsg::CannotStart.with([e.to_string()]).get(lang));
                return EXIT_FAILED;
            }
        };
        let bound = listener.local_addr().unwrap_or(args.listen);
        if !bound.ip().is_loopback() {
            eprintln!("{}", ServeMsg::NotLoopback.with([bound.to_string()]).get(lang));
        }
        let current = app.policy.current();
        let line = ServeMsg::Listening.with([bound.to_string(), current.id().to_string(), current.hash.clone()]);
        eprintln!("{}", line.get(lang));
        drop(current);
        #[cfg(unix)]
        let stop = signals.serve(app.clone());
        #[cfg(not(unix))]
        let stop = crate::server::stop_signal(lang);
        serve(listener, app, stop).await;
        EXIT_OK
    });
    // A batch still running on a blocking thread ends at its next wait for the client,
    // which has gone; the process does not wait for it longer than this.
    runtime.shutdown_timeout(SHUTDOWN_WAIT);
    code
}

/// The admin token: from `--admin-token-file`, else `ZHENGCE_ADMIN_TOKEN`, else none
/// (only SIGHUP reloads). An empty token or an unreadable file is a mistake, told.
fn admin_token(args: &ServeArgs, lang: Lang) -> Result<Option<String>, String> {
    let (token, from) = match &args.admin_token_file {
        Some(path) => match zhengce::input::read_regular_file(std::path::Path::new(path), Some(4096)) {
            Ok(bytes) => (String::from_utf8_lossy(&bytes).trim().to_string(), path.clone()),
            Err(e) => {
                let line = ServeMsg::CannotReadToken.with([zhengce::lang::Text::from(path.as_str()), e.text()]);
                return Err(line.get(lang).into_owned());
            }
        },
        None => match std::env::var(TOKEN_VARIABLE) {
            Ok(value) => (value.trim().to_string(), TOKEN_VARIABLE.to_string()),
            Err(_) => return Ok(None),
        },
    };
    if token.is_empty() {
        return Err(ServeMsg::EmptyToken.with([from]).get(lang).into_owned());
    }
    Ok(Some(token))
}
