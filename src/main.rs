//! The `zhengce` command: parse the command line, run a subcommand, exit with its code.

use clap::FromArgMatches;
use std::process::ExitCode;
use zhengce::cli::{Cli, Console, help, run, usage};
use zhengce::privacy::Pii;

// A case is read into many small allocations and let go at once; mimalloc's thread-
// local free lists serve that pattern (and a batch's worker threads) far better than
// the system allocator: a quarter less time in `batch`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The help is written in the language the command line or the environment asks for.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_of(&args);
    let parsed = help::parse(&args, lang).and_then(|matches| {
        let mut cli = Cli::from_arg_matches(&matches)?;
        if let Some(lang) = matches.get_one::<zhengce::lang::Lang>(help::LANG_BEFORE_SUBCOMMAND) {
            cli.command.default_lang(*lang);
        }
        Ok(cli)
    });
    match parsed {
        Ok(cli) => ExitCode::from(run(cli)),
        // Usage errors, `--help` and `--version`, in the user's language; the text goes
        // through the same masking as every other output (a mistyped argument may be an
        // ID number).
        Err(e) => {
            let mut console = Console::stdio(Pii::Mask);
            let terminal = if e.use_stderr() {
                console.err_is_terminal()
            } else {
                console.out_is_terminal()
            };
            let styled = terminal && std::env::var_os("NO_COLOR").is_none();
            let text = usage::usage_error_text(&e, lang, styled);
            if e.use_stderr() {
                console.err(&text);
            } else {
                console.out(&text);
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}
