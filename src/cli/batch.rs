//! `zhengce batch`: evaluate a register (contract §5). JSON Lines, YAML, directories
//! and `-` in; one JSON record per case out, in input order; a summary on standard
//! error (and `--summary FILE`); a progress bar while it runs on a terminal.

use super::{CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, EXIT_USAGE, load_checked_policy, parse_date};
use crate::batch::messages::BatchMsg;
use crate::batch::{self, BatchInput, BatchOptions, InputFormat, Summary};
use crate::input::{system_error, write_error};
use crate::lang::Text;
use crate::report::messages::{Msg, msg, msg_with};
use crate::report::{RenderOptions, Trace};
use crate::run::Stage;
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::Arc;

/// Bytes read from an input at a time. Each read is a system call, which costs this
/// machine's virtual CPUs dearly: at 64 KiB they took a sixth of a batch's time, copying
/// included; at 1 MiB about half as much (`dd` over the 1M-case file: 0.82 s → 0.41 s).
const INPUT_BUFFER: usize = 1 << 20;

/// `zhengce batch`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct BatchArgs {
    /// JSON Lines (`.jsonl`, `.ndjson`) or YAML files, directories, or `-` for
    /// standard input (JSON Lines unless it starts like YAML).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Write the records to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// Worker threads (default: the number of cores; at most 64).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Evaluation date (YYYY-MM-DD); wins over each case's `as_of`.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Include each record's trace (most of the bytes; left out by default).
    #[arg(long)]
    pub trace: bool,
    /// Also write the summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<String>,
    /// Read and validate every case against the case schema; evaluate nothing (not even
    /// the policy's checks).
    #[arg(long)]
    pub validate_only: bool,
    /// No progress bar and no summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Runs `batch`.
pub fn run(args: &BatchArgs, console: &mut Console) -> u8 {
    let Some(mut loaded) = load_checked_policy(&args.common, console) else {
        return EXIT_POLICY;
    };
    if !args.quiet {
        super::say_if_builtin(&loaded, args.common.lang(), console);
    }
    let versions = std::mem::take(&mut loaded.versions);
    without_huge_pages();
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let options = BatchOptions {
        jobs: jobs.max(1),
        as_of: args.as_of,
        stage: if args.validate_only {
            Stage::Validate
        } else {
            Stage::Evaluate
        },
        render: RenderOptions {
            lang: args.common.lang(),
            show_pii: args.common.show_pii,
            color: false,
            trace: if args.trace { Trace::Included } else { Trace::Omitted },
            ..RenderOptions::default()
        },
        limits: args.common.limits(),
    };
    let lang = args.common.lang();
    let bar = (!args.quiet && console.err_is_terminal()).then(progress_bar);
    let mut progress = |s: &Summary| {
        if let Some(bar) = &bar {
            bar.set_position(s.cases);
            let sep = msg(Msg::Separator, lang);
            let (cases, errors) = (msg(Msg::SummaryCases, lang), msg(Msg::SummaryErrors, lang));
            bar.set_message(format!("{cases}{sep}{:.0}/s{sep}{errors} {}", s.rate(), s.errors));
        }
    };
    let (inputs, stdin_comment_first) = expand(&args.inputs);
    if stdin_comment_first && !args.quiet {
        console.err(&format!(
            "{}\n",
            crate::lang::Text::from(BatchMsg::StdinCommentFirst).get(lang)
        ));
    }
    if let Some(out) = &args.out
        && let Some(input) = overwritten(out, &inputs)
    {
        let line = BatchMsg::OutIsInput.with([out.as_str(), input]);
        console.err(&format!("{}\n", line.get(lang)));
        return EXIT_USAGE;
    }
    let result = match &args.out {
        Some(path) => match console.create_file(path) {
            Ok(mut file) => batch::run(inputs, &versions, &loaded.sources, &options, &mut file, &mut progress)
                .and_then(|s| file.flush().map(|()| s)),
            Err(e) => {
                let line = BatchMsg::CannotWrite.with([Text::from(path), write_error(path, &e)]);
                console.err(&format!("{}\n", line.get(lang)));
                return EXIT_FAILED;
            }
        },
        None => batch::run(
            inputs,
            &versions,
            &loaded.sources,
            &options,
            console.out_lines(),
            &mut progress,
        ),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(summary) => summary,
        // `| head`: the reader stopped listening; that is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_OK,
        Err(e) => {
            console.err(&format!(
                "{}\n",
                BatchMsg::WriteFailed.with([system_error(&e)]).get(lang)
            ));
            return EXIT_FAILED;
        }
    };
    if !args.quiet {
        let latest = &versions[versions.len() - 1];
        console.err(&summary.text(lang, latest));
    }
    if let Some(path) = &args.summary
        && let Err(e) = console.write_file(path, &format!("{:#}\n", summary.json()))
    {
        let line = BatchMsg::CannotWriteSummary.with([Text::from(path), write_error(path, &e)]);
        console.err(&format!("{}\n", line.get(lang)));
        return EXIT_FAILED;
    }
    // No case in the inputs fails, as for `eval` and `test`.
    if summary.cases == 0 {
        console.err(&format!(
            "{}\n",
            msg_with(Msg::NoCasesUnder, lang, &args.inputs.join(" "))
        ));
        return EXIT_FAILED;
    }
    if summary.errors > 0 { EXIT_FAILED } else { EXIT_OK }
}

/// The input that `out` names, if any (the same file, however the path is written).
fn overwritten<'a>(out: &str, inputs: &'a [BatchInput]) -> Option<&'a str> {
    let out = std::fs::canonicalize(out).ok()?;
    inputs
        .iter()
        .map(|i| i.name.as_ref())
        .find(|name| *name != "<stdin>" && std::fs::canonicalize(name).is_ok_and(|p| p == out))
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} {human_pos} {msg} [{elapsed}]")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar
}

/// The inputs named on the command line: files, every JSON Lines and YAML file below
/// a directory (in sorted order), and `-`; and whether standard input is read as JSON
/// Lines because its first line is a comment (the user is told: it was likely YAML).
fn expand(paths: &[String]) -> (Vec<BatchInput>, bool) {
    let mut inputs = Vec::new();
    let mut comment_first = false;
    for path in paths {
        if path == "-" {
            let (input, comment) = stdin_input();
            comment_first |= comment;
            inputs.push(input);
        } else if Path::new(path).is_dir() {
            let mut files = Vec::new();
            super::inputs::walk(Path::new(path), &mut files, &|p| InputFormat::of_path(p).is_some());
            files.sort();
            inputs.extend(files.into_iter().map(|f| file_input(&f)));
        } else {
            inputs.push(file_input(path));
        }
    }
    (inputs, comment_first)
}

fn file_input(path: &str) -> BatchInput {
    let owned = path.to_string();
    let format = InputFormat::of_path(path);
    BatchInput {
        name: Arc::from(path),
        // A name with no telling extension is read as JSON Lines (§5's default).
        format: format.unwrap_or(InputFormat::JsonLines),
        open: Box::new(move || {
            let file = crate::input::open_regular_file(Path::new(&owned)).map_err(|e| e.text())?;
            Ok(Box::new(BufReader::with_capacity(INPUT_BUFFER, file)) as Box<dyn BufRead + Send>)
        }),
    }
}

/// Standard input: JSON Lines unless the first line that is not blank is `---` or a
/// YAML key (contract §5). The lines read to tell are read again. Also whether that
/// line is a `#` comment, which §5 reads as JSON Lines although no JSON line starts so.
fn stdin_input() -> (BatchInput, bool) {
    let mut stdin = BufReader::with_capacity(INPUT_BUFFER, io::stdin());
    let mut head = Vec::new();
    let mut line = Vec::new();
    let mut comment = false;
    let format = loop {
        line.clear();
        match stdin.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break InputFormat::JsonLines,
            Ok(_) => {
                head.extend_from_slice(&line);
                if !line.iter().all(u8::is_ascii_whitespace) {
                    comment = line.trim_ascii_start().starts_with(b"#");
                    break InputFormat::sniff(&line);
                }
                // Blank lines without end are not worth holding to decide.
                if head.len() > 1 << 16 {
                    break InputFormat::JsonLines;
                }
            }
        }
    };
    let input = BatchInput {
        name: Arc::from("<stdin>"),
        format,
        open: Box::new(move || {
            let reader = io::Cursor::new(head).chain(stdin);
            Ok(Box::new(BufReader::with_capacity(INPUT_BUFFER, reader)) as Box<dyn BufRead + Send>)
        }),
    };
    (input, comment && format == InputFormat::JsonLines)
}

/// Turns off transparent huge pages for this process. A batch makes and lets go of a
/// case's many small values a million times over in a heap of some hundred megabytes,
/// and the allocator asks for huge pages: each time its heap grew into one, the system
/// cleared all two megabytes of it, some 4% of a batch's time (BENCHMARKS.md). As
/// mimalloc does itself with `MIMALLOC_ALLOW_THP=0`.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes no pointer: it sets a flag of this process
    // (an error, on a system without it, leaves things as they were).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
