//! The `zhengce` command: parse the command line, run a subcommand, exit with its code.

use clap::Parser;
use std::process::ExitCode;
use zhengce::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}
