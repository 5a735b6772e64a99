//! `zhengce serve` and `zhengce match`: the decision service and registry matching are
//! programs of their own, `zhengce-serve` and `zhengce-match` (the crates `crates/serve`
//! and `crates/match`, so that the core builds without an async HTTP stack or a query
//! engine), run as cargo and git run their external subcommands: the one beside this
//! executable, else the first on `PATH`, with the arguments passed through as they are.
//! When there is none, the user is told how to build it.

use super::{Console, EXIT_FAILED, EXIT_USAGE};
use crate::lang::Lang;
use crate::report::messages::{Msg, msg_args};
use std::ffi::OsString;
use std::path::PathBuf;

/// A subcommand that is a program of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum External {
    /// `zhengce serve`: `zhengce-serve`.
    Serve,
    /// `zhengce match`: `zhengce-match`.
    Match,
}

impl External {
    /// The program's name.
    fn program(self) -> &'static str {
        match self {
            External::Serve => "zhengce-serve",
            External::Match => "zhengce-match",
        }
    }

    /// What to say when the program is found nowhere.
    fn not_built(self) -> Msg {
        match self {
            External::Serve => Msg::ServeNotBuilt,
            External::Match => Msg::MatchNotBuilt,
        }
    }
}

/// The arguments of `zhengce serve` or `zhengce match`: every one is the program's.
#[derive(Debug, Clone, clap::Args)]
#[command(disable_help_flag = true)]
pub struct ExternalArgs {
    /// The program's arguments (`zhengce serve --help` lists them).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    pub args: Vec<OsString>,
    /// `--lang` given before the subcommand (`zhengce --lang en serve`), passed on to
    /// the program as `ZHENGCE_LANG`.
    #[arg(skip)]
    pub lang: Option<Lang>,
}

impl ExternalArgs {
    /// The language asked for: before the subcommand, else among the program's
    /// arguments, else the environment's.
    pub fn lang(&self) -> Lang {
        // Read as a command line of a subcommand that takes `--lang`.
        let words = std::iter::once(OsString::from("serve")).chain(self.args.iter().cloned());
        self.lang
            .unwrap_or_else(|| super::help::lang_of(&words.collect::<Vec<_>>()))
    }
}

/// Runs the program with the arguments; returns only when it cannot be run (on Unix the
/// program takes this process's place, so that signals such as `SIGHUP` reach it).
pub fn run(external: External, args: &ExternalArgs, console: &mut Console) -> u8 {
    let lang = args.lang();
    let Some(server) = find(external) else {
        let here = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|d| d.display().to_string()))
            .unwrap_or_default();
        console.err(&format!("{}\n", msg_args(external.not_built(), lang, &[&here])));
        return EXIT_USAGE;
    };
    let mut command = std::process::Command::new(&server);
    command.args(&args.args);
    if let Some(asked) = args.lang {
        command.env("ZHENGCE_LANG", if asked == Lang::En { "en" } else { "zh" });
    }
    let shown = server.display().to_string();
    match start(command) {
        Ok(code) => code,
        Err(e) => {
            let line = msg_args(Msg::CannotRunServer, lang, &[&shown, &e.to_string()]);
            console.err(&format!("{line}\n"));
            EXIT_FAILED
        }
    }
}

#[cfg(unix)]
fn start(mut command: std::process::Command) -> std::io::Result<u8> {
    use std::os::unix::process::CommandExt;
    // Only returns when the program could not be started.
    Err(command.exec())
}

#[cfg(not(unix))]
fn start(mut command: std::process::Command) -> std::io::Result<u8> {
    let status = command.status()?;
    Ok(status.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(EXIT_FAILED))
}

/// The program beside the running `zhengce`, else the first on `PATH`.
fn find(external: External) -> Option<PathBuf> {
    let name = format!("{}{}", external.program(), std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|path| path.is_file());
    beside.or_else(|| {
        let paths = std::env::var_os("PATH")?;
        std::env::split_paths(&paths)
            .map(|dir| dir.join(&name))
            .find(|path| path.is_file())
    })
}
