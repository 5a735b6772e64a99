//! `zhengce repl [CASE]`: what-if exploration. Interactive on a terminal; otherwise it
//! reads commands line by line and prints results with no prompt, for scripts.

use super::{CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY};
use crate::repl::{Reply, Session, front};
use std::io::IsTerminal;

/// Runs `repl`.
pub fn run(case: Option<&str>, keep_history: bool, common: &CommonArgs, console: &mut Console) -> u8 {
    let mut session = match Session::new(common.policy.as_deref(), common.lang(), common.show_pii) {
        Ok(s) => s,
        Err(e) => {
            console.err(&e);
            return EXIT_POLICY;
        }
    };
    if let Some(path) = case
        && let Reply::Print(text) = session.handle(&format!(":load {path}"))
    {
        console.out(&text);
    }
    let interactive = std::io::stdin().is_terminal();
    let result = if interactive {
        front::interactive(&mut session, keep_history, console.pii())
    } else {
        front::plain(&mut session, std::io::stdin().lock(), console.out_writer()).map_err(|e| e.to_string())
    };
    match result {
        // A script learns from the exit code that a command of it failed.
        Ok(()) if !interactive && session.any_failed() => EXIT_FAILED,
        Ok(()) => EXIT_OK,
        Err(e) => {
            console.err(&format!("{e}\n"));
            EXIT_FAILED
        }
    }
}
