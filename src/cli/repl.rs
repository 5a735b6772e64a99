//! `zhengce repl [CASE]`: what-if exploration. Interactive on a terminal; otherwise it
//! reads commands line by line and prints results with no prompt, for scripts.

use super::{CommonArgs, EXIT_FAILED, EXIT_OK, EXIT_POLICY};
use crate::repl::{Reply, Session, front};
use std::io::IsTerminal;

/// Runs `repl`.
pub fn run(case: Option<&str>, keep_history: bool, common: &CommonArgs) -> u8 {
    let mut session = match Session::new(common.policy.as_deref(), common.lang, common.show_pii) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{e}");
            return EXIT_POLICY;
        }
    };
    if let Some(path) = case
        && let Reply::Print(text) = session.handle(&format!(":load {path}"))
    {
        print!("{text}");
    }
    let result = if std::io::stdin().is_terminal() {
        front::interactive(&mut session, keep_history)
    } else {
        front::plain(&mut session, std::io::stdin().lock(), std::io::stdout().lock()).map_err(|e| e.to_string())
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("{e}");
            EXIT_FAILED
        }
    }
}
