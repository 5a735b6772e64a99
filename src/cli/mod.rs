//! The command-line interface: one file per subcommand, each a thin driver over the
//! library (load policy → check → load cases → evaluate → render).
//!
//! Exit codes: 0 success; 1 a case could not be evaluated or a test failed; 2 usage
//! error (clap); 3 the policy has errors.

mod batch;
mod check;
mod console;
mod diff;
mod doc;
mod eval;
mod external;
mod fmt;
pub mod help;
mod help_messages;
mod inputs;
mod lsp;
mod policy_choice;
mod repl;
mod shell;
mod test;
pub mod usage;

use crate::input::InputLimits;
use crate::privacy::Pii;
use crate::report::messages::Msg;
use crate::report::{DrawOptions, Explain, Lang, RenderOptions};
use crate::repository::PolicyRepository;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
pub use console::Console;
use policy_choice::{builtin_edited_note, draw_diagnostics, load_checked_policy, not_given, say_if_builtin};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a case could not be evaluated, or a test failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: the command line asks for something that cannot be done (as clap's).
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the policy has errors.
pub const EXIT_POLICY: u8 = 3;

/// zhengce (政策): executable employment-assistance policy.
#[derive(Debug, Parser)]
#[command(name = "zhengce", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// What `zhengce new` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewFile {
    /// A case file to fill in.
    Case,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// One JSON decision record per line.
    Json,
}

/// Options every subcommand that evaluates cases shares.
#[derive(Debug, Clone, clap::Args)]
pub struct CommonArgs {
    /// Policy file to use instead of the built-in Hunan 2025 policy.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<String>,
    /// Language of every message (default: `ZHENGCE_LANG`, else `LANG`: zh for `zh_*`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Show resident ID numbers in full instead of masked.
    #[arg(long)]
    pub show_pii: bool,
    /// Largest policy or calendar file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_POLICY_BYTES)]
    pub max_policy_bytes: u64,
    /// Largest single case (one YAML document) read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_CASE_BYTES)]
    pub max_case_bytes: u64,
    /// The policy repository the command runs in, if any (not an option: found from
    /// the current folder).
    #[arg(skip)]
    pub repository: Option<PolicyRepository>,
}

impl CommonArgs {
    /// The language asked for: `--lang`, else the environment's ([`Lang::from_env`]).
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }

    /// The size limits given (or their defaults).
    pub fn limits(&self) -> InputLimits {
        InputLimits {
            policy_bytes: self.max_policy_bytes,
            case_bytes: self.max_case_bytes,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check policy files; report every error at once.
    Check {
        /// Policy files (default: the built-in Hunan policy).
        policies: Vec<String>,
        /// Treat every warning (unused definitions and fields, rules that never hold,
        /// overlapping tiers or a gap between them) as an error.
        #[arg(long)]
        strict: bool,
        /// Largest policy or calendar file read, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_POLICY_BYTES)]
        max_policy_bytes: u64,
        /// Language of every message (default: `ZHENGCE_LANG`, else `LANG`: zh for `zh_*`).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Evaluate case files and explain every outcome.
    Eval {
        /// Case files (YAML) or directories; `-` reads standard input.
        #[arg(required = true)]
        cases: Vec<String>,
        /// Evaluation date (YYYY-MM-DD); wins over each case's `as_of`.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// How much of the explanation the text format shows: `short` (what holds and
        /// why; for a rule that fails, the first condition that failed) or `full`.
        #[arg(long, value_enum, default_value_t = Explain::Short)]
        explain: Explain,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Evaluate a register: JSON Lines or YAML cases, one JSON record per case in input
    /// order, in parallel, with a summary (contract §5).
    Batch(batch::BatchArgs),
    /// Evaluate cases under two policies (`FILE`, `builtin`, either with `@DATE`) and
    /// report every case whose decision changes, grouped by the rule that changed.
    Diff {
        /// The old policy: `FILE[@DATE]`, `builtin[@DATE]`, or a folder with a
        /// zhengce.toml (the policy it names).
        #[arg(value_parser = diff::parse_policy_at)]
        old: diff::PolicyAt,
        /// The new policy, as OLD (default: the one zhengce.toml names).
        #[arg(value_parser = diff::parse_policy_at)]
        new: Option<diff::PolicyAt>,
        /// Case files or directories (default: zhengce.toml's `cases`).
        cases: Vec<String>,
        /// Evaluation date for cases (when OLD or NEW gives none).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Explore a case: change it, and see what changes in the decision.
    Repl {
        /// A case file to load at the start.
        case: Option<String>,
        /// Do not keep the history of commands in the user's data directory.
        #[arg(long)]
        no_history: bool,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Run case files that carry an `expect:` block; report what differs.
    Test {
        /// Case files or directories (default: zhengce.toml's `cases`).
        paths: Vec<String>,
        /// Evaluation date for every case (otherwise each case's `as_of`).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also write the results as JUnit XML to FILE.
        #[arg(long, value_name = "FILE")]
        junit: Option<String>,
        /// Report which rules and conditions the cases make true and false.
        #[arg(long)]
        coverage: bool,
        /// Fail when rule coverage is below PCT percent.
        #[arg(long, value_name = "PCT", value_parser = parse_percent)]
        coverage_min: Option<f64>,
        #[command(flatten)]
        mutants: test::MutantsArgs,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Start a file: `new case` writes a case file to fill in.
    New {
        /// What to start.
        #[arg(value_enum)]
        what: NewFile,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Lay policy files out in the canonical layout, their keywords in Chinese or
    /// English if asked.
    Fmt(fmt::FmtArgs),
    /// Write the notice a policy encodes beside its rules, clause by clause, as an HTML
    /// page (DIR/index.html).
    Doc(doc::DocArgs),
    /// Run the decision service (`zhengce-serve`), passing it every argument.
    Serve(external::ExternalArgs),
    /// Find in registry extracts who qualifies but is not certified (`zhengce-match`),
    /// passing it every argument.
    Match(external::ExternalArgs),
    /// Serve editors: the Language Server Protocol over standard input and output.
    Lsp {
        /// Language of every message (default: the editor's).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Write the JSON Schema of the policy's case files to standard output.
    Schema {
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Write a shell completion script to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
        /// Language of the descriptions.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Write the manual page (roff) to standard output, or one page per subcommand to
    /// a folder.
    Man {
        /// Write the pages into DIR instead of standard output.
        #[arg(long, value_name = "DIR")]
        out: Option<String>,
        /// Language of the pages.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, usage::BadValue> {
    crate::syntax::parse_date_text(s).ok_or_else(|| usage::BadValue(Msg::NotADateValue.with([s])))
}

/// A percentage, 0 to 100.
fn parse_percent(s: &str) -> Result<f64, usage::BadValue> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|p| (0.0..=100.0).contains(p))
        .ok_or_else(|| usage::BadValue(Msg::NotAPercent.with([s])))
}

/// Runs a parsed command line on the process's standard streams; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let mut console = Console::stdio(cli.command.pii());
    run_with(cli, &mut console)
}

impl Command {
    /// Gives the command `lang` when it was asked for before the subcommand
    /// (`zhengce --lang en check`) and not after it.
    pub fn default_lang(&mut self, lang: Lang) {
        let slot = match self {
            Command::Check { lang, .. }
            | Command::Completions { lang, .. }
            | Command::Man { lang, .. }
            | Command::Lsp { lang } => lang,
            Command::Fmt(args) => &mut args.lang,
            Command::Doc(args) => &mut args.lang,
            Command::Serve(args) | Command::Match(args) => &mut args.lang,
            _ => match self.common_mut() {
                Some(common) => &mut common.lang,
                None => return,
            },
        };
        slot.get_or_insert(lang);
    }

    /// The options shared by the subcommands that evaluate cases, if this is one.
    fn common(&self) -> Option<&CommonArgs> {
        match self {
            Command::Check { .. }
            | Command::Fmt(_)
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Doc(_)
            | Command::Serve(_)
            | Command::Match(_)
            | Command::Lsp { .. } => None,
            Command::Eval { common, .. }
            | Command::Diff { common, .. }
            | Command::Repl { common, .. }
            | Command::Schema { common }
            | Command::New { common, .. }
            | Command::Test { common, .. } => Some(common),
            Command::Batch(args) => Some(&args.common),
        }
    }

    /// [`Command::common`], to change.
    fn common_mut(&mut self) -> Option<&mut CommonArgs> {
        match self {
            Command::Check { .. }
            | Command::Fmt(_)
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Doc(_)
            | Command::Serve(_)
            | Command::Match(_)
            | Command::Lsp { .. } => None,
            Command::Eval { common, .. }
            | Command::Diff { common, .. }
            | Command::Repl { common, .. }
            | Command::Schema { common }
            | Command::New { common, .. }
            | Command::Test { common, .. } => Some(common),
            Command::Batch(args) => Some(&mut args.common),
        }
    }

    /// The language asked for (see [`CommonArgs::lang`]).
    pub fn lang(&self) -> Lang {
        match self {
            Command::Check { lang, .. }
            | Command::Completions { lang, .. }
            | Command::Man { lang, .. }
            | Command::Lsp { lang } => lang.unwrap_or_else(Lang::from_env),
            Command::Fmt(args) => args.lang.unwrap_or_else(Lang::from_env),
            Command::Doc(args) => args.lang(),
            Command::Serve(args) | Command::Match(args) => args.lang(),
            _ => self.common().map_or_else(Lang::from_env, CommonArgs::lang),
        }
    }

    /// Whether the user asked to see ID numbers in full.
    pub fn pii(&self) -> Pii {
        // `fmt` gives back the writer's own policy text, which must come back as it
        // went in: it holds no case, so nothing to mask.
        if let Command::Fmt(_) = self {
            return Pii::Show;
        }
        Pii::shown_if(self.common().is_some_and(|c| c.show_pii))
    }
}

/// Runs a parsed command line with its output going to `console`; returns the exit
/// code. In a policy repository (a `zhengce.toml` here or in a folder above), its
/// settings stand in for what the command line leaves out.
pub fn run_with(mut cli: Cli, console: &mut Console) -> u8 {
    let repository = match PolicyRepository::find() {
        Ok(found) => found,
        Err(problem) => {
            draw_diagnostics(&problem.diagnostics, &problem.sources, cli.command.lang(), console);
            return EXIT_USAGE;
        }
    };
    if let Some(repository) = repository {
        cli.command.use_repository(repository);
    }
    match cli.command {
        Command::Check {
            policies,
            strict,
            max_policy_bytes,
            lang,
        } => {
            let limits = InputLimits {
                policy_bytes: max_policy_bytes,
                ..InputLimits::default()
            };
            check::run(&policies, strict, limits, lang.unwrap_or_else(Lang::from_env), console)
        }
        Command::Eval {
            cases,
            as_of,
            format,
            explain,
            common,
        } => eval::run(&cases, as_of, format, explain, &common, console),
        Command::Test {
            paths,
            as_of,
            format,
            junit,
            coverage,
            coverage_min,
            mutants,
            common,
        } => {
            let options = test::TestOptions {
                as_of,
                format,
                junit,
                coverage,
                coverage_min,
                mutants: mutants.options(),
            };
            test::run(&paths, &options, &common, console)
        }
        Command::Batch(args) => batch::run(&args, console),
        Command::Fmt(args) => fmt::run(&args, console),
        Command::Lsp { lang } => lsp::run(lang, console),
        Command::Serve(args) => external::run(external::External::Serve, &args, console),
        Command::Match(args) => external::run(external::External::Match, &args, console),
        Command::Doc(args) => doc::run(&args, console),
        Command::New {
            what: NewFile::Case,
            common,
        } => match load_checked_policy(&common, console) {
            Some(loaded) => match loaded.versions.last() {
                Some(program) => {
                    console.out(&crate::report::case_template(program, common.lang()));
                    EXIT_OK
                }
                None => EXIT_POLICY,
            },
            None => EXIT_POLICY,
        },
        Command::Schema { common } => match load_checked_policy(&common, console) {
            Some(loaded) => match loaded.versions.last() {
                Some(program) => {
                    let schema = crate::report::case_schema(program);
                    console.out(&format!(
                        "{}\n",
                        serde_json::to_string_pretty(&schema).unwrap_or_default()
                    ));
                    EXIT_OK
                }
                None => EXIT_POLICY,
            },
            None => EXIT_POLICY,
        },
        Command::Completions { shell, lang } => shell::completions(shell, lang.unwrap_or_else(Lang::from_env), console),
        Command::Man { out, lang } => shell::man(out.as_deref(), lang.unwrap_or_else(Lang::from_env), console),
        Command::Repl {
            case,
            no_history,
            common,
        } => repl::run(case.as_deref(), !no_history, &common, console),
        Command::Diff {
            old,
            new,
            cases,
            as_of,
            format,
            common,
        } => diff::run(&old, new.as_ref(), &cases, as_of, format, &common, console),
    }
}

/// Whether to colour output on standard error.
fn color(console: &Console) -> bool {
    std::env::var_os("NO_COLOR").is_none() && console.err_is_terminal()
}

/// How diagnostics are drawn on standard error: coloured and as wide as a terminal
/// there, else 80 columns; ID numbers masked.
fn draw_options(lang: Lang, console: &Console) -> DrawOptions {
    DrawOptions {
        lang,
        color: color(console),
        show_pii: false,
        width: if console.err_is_terminal() {
            textwrap::termwidth()
        } else {
            80
        },
    }
}

fn render_options(common: &CommonArgs, console: &Console) -> RenderOptions {
    RenderOptions {
        lang: common.lang(),
        show_pii: common.show_pii,
        color: color(console) && console.out_is_terminal(),
        // Lines fit the terminal; 80 columns in a file or a pipe.
        width: if console.out_is_terminal() {
            textwrap::termwidth()
        } else {
            80
        },
        ..RenderOptions::default()
    }
}
