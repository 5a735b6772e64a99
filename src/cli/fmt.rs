//! `zhengce fmt`: policy files rewritten in their canonical layout (`src/format/`),
//! their keywords in Chinese or English when asked; `--check` (for CI) only says which
//! files are not. `-` reads standard input and writes standard output, as editors want.

use super::{Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, EXIT_USAGE, draw_diagnostics};
use crate::format::{FormatError, format_policy};
use crate::input::{DecodedText, InputLimits, read_regular_file};
use crate::report::Lang;
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use crate::source::SourceMap;
use crate::syntax::keywords::KeywordSet;
use clap::{Args, ValueEnum};
use std::io::Read;
use std::path::Path;

/// The keyword set `--keywords` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Keywords {
    /// Chinese keywords: `定义`, `当`, `且`, `年`.
    Zh,
    /// English keywords: `define`, `when`, `and`, `years`.
    En,
}

/// `zhengce fmt`'s arguments.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Policy files; `-` reads standard input (default: every policy file of the
    /// repository, the folder of zhengce.toml and below).
    pub files: Vec<String>,
    /// Change nothing: list the files not in the canonical layout, and fail if any is.
    #[arg(long)]
    pub check: bool,
    /// Write every keyword in this set (a file may mix the two).
    #[arg(long, value_enum)]
    pub keywords: Option<Keywords>,
    /// Largest policy file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_POLICY_BYTES)]
    pub max_policy_bytes: u64,
    /// Language of every message (default: `ZHENGCE_LANG`, else `LANG`: zh for `zh_*`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// What became of one file.
enum Outcome {
    /// Already in the canonical layout.
    Unchanged,
    /// Rewritten (or, with `--check`, to be rewritten).
    Changed,
    /// Not formatted; what was wrong has been said.
    Failed(u8),
}

/// Runs `fmt`.
pub fn run(args: &FmtArgs, console: &mut Console) -> u8 {
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    if args.files.is_empty() {
        let what = msg(Msg::WhatPolicyFiles, lang);
        console.err(&format!("{}\n", msg_with(Msg::NotGivenNoRepository, lang, what)));
        return EXIT_USAGE;
    }
    let set = args.keywords.map(|k| match k {
        Keywords::Zh => KeywordSet::Chinese,
        Keywords::En => KeywordSet::English,
    });
    // A folder stands for the policy files in it and below.
    let mut files = Vec::new();
    for path in &args.files {
        if Path::new(path).is_dir() {
            let mut found = Vec::new();
            super::inputs::walk(Path::new(path), &mut found, &|name| name.ends_with(".policy"));
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut code = EXIT_OK;
    let mut changed = 0;
    for path in &files {
        match format_file(path, set, args, lang, console) {
            Outcome::Unchanged => {}
            Outcome::Changed => {
                changed += 1;
                if args.check {
                    code = code.max(EXIT_FAILED);
                }
            }
            Outcome::Failed(failed) => code = code.max(failed),
        }
    }
    if args.check && changed > 0 {
        let n = changed.to_string();
        let command = match args.keywords {
            Some(Keywords::Zh) => "zhengce fmt --keywords zh",
            Some(Keywords::En) => "zhengce fmt --keywords en",
            None => "zhengce fmt",
        };
        console.err(&format!("{}\n", msg_args(Msg::FmtCheckFailed, lang, &[&n, command])));
    }
    code
}

/// Formats one file (or standard input, `-`).
fn format_file(path: &str, set: Option<KeywordSet>, args: &FmtArgs, lang: Lang, console: &mut Console) -> Outcome {
    let stdin = path == "-";
    let bytes = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(args.max_policy_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| crate::input::system_error(&e).get(lang).into_owned())
    } else {
        read_regular_file(Path::new(path), Some(args.max_policy_bytes)).map_err(|e| e.text().get(lang).into_owned())
    };
    let bytes = match bytes {
        Ok(bytes) if bytes.len() as u64 > args.max_policy_bytes => {
            let limit = args.max_policy_bytes.to_string();
            console.err(&format!("{}\n", msg_args(Msg::FmtTooLarge, lang, &[path, &limit])));
            return Outcome::Failed(EXIT_POLICY);
        }
        Ok(bytes) => bytes,
        Err(why) => {
            console.err(&format!("{}\n", msg_args(Msg::CannotRead, lang, &[path, &why])));
            return Outcome::Failed(EXIT_POLICY);
        }
    };
    let decoded = DecodedText::decode(bytes);
    if let Some(&at) = decoded.invalid.first() {
        let line = (decoded.text[..at].matches('\n').count() + 1).to_string();
        console.err(&format!("{}\n", msg_args(Msg::FmtNotUtf8, lang, &[path, &line])));
        return Outcome::Failed(EXIT_POLICY);
    }
    let text = decoded.text;
    let formatted = match format_policy(&text, set) {
        Ok(formatted) => formatted,
        Err(FormatError::Syntax) => {
            let mut sources = SourceMap::new();
            let file = sources.add(path, text.as_str());
            let (_, diagnostics) = crate::syntax::parse_policy(file, &text);
            draw_diagnostics(&diagnostics, &sources, lang, console);
            console.err(&format!("{}\n", msg_with(Msg::FmtSyntaxErrors, lang, path)));
            return Outcome::Failed(EXIT_POLICY);
        }
        Err(FormatError::MeaningWouldChange) => {
            console.err(&format!("{}\n", msg_with(Msg::FmtWouldChangeMeaning, lang, path)));
            return Outcome::Failed(EXIT_FAILED);
        }
    };
    if stdin {
        // Standard input comes back on standard output, formatted; `--check` only tells.
        if !args.check {
            console.out(&formatted);
        }
    } else if formatted != text && !args.check {
        if let Err(e) = write_in_place(path, &formatted) {
            let why = crate::input::system_error(&e).get(lang).into_owned();
            console.err(&format!("{}\n", msg_args(Msg::FmtCannotWrite, lang, &[path, &why])));
            return Outcome::Failed(EXIT_FAILED);
        }
        console.err(&format!("{}\n", msg_with(Msg::FmtFormatted, lang, path)));
    }
    if formatted == text {
        return Outcome::Unchanged;
    }
    if args.check {
        let (line, before, after) = first_difference(&text, &formatted);
        let number = line.to_string();
        console.err(&format!("{}\n", msg_args(Msg::FmtWouldChange, lang, &[path, &number])));
        console.err(&format!("  - {}\n  + {}\n", shown(before), shown(after)));
    }
    Outcome::Changed
}

/// Replaces the file at `path` by `text`: written beside it first, then renamed over
/// it, so that an interrupted write leaves the old file whole; through a symbolic link,
/// the file it leads to. Not through the console: a policy file is the writer's own
/// text, never masked.
fn write_in_place(path: &str, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let target = target.as_path();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.zhengce-fmt"));
    std::fs::write(&temporary, text)?;
    if let Ok(metadata) = std::fs::metadata(target) {
        std::fs::set_permissions(&temporary, metadata.permissions())?;
    }
    std::fs::rename(&temporary, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// The first line (from 1) where `a` and `b` differ, as each has it (line ends
/// included: a line that differs only in its end differs).
fn first_difference<'t>(a: &'t str, b: &'t str) -> (usize, &'t str, &'t str) {
    let (mut a_lines, mut b_lines) = (a.split_inclusive('\n'), b.split_inclusive('\n'));
    let mut line = 1;
    loop {
        match (a_lines.next(), b_lines.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            (x, y) => return (line, x.unwrap_or(""), y.unwrap_or("")),
        }
    }
}

/// A line as `--check` shows it: its end made visible where it is not a plain `\n`.
fn shown(line: &str) -> String {
    let (body, end) = match line.strip_suffix("\r\n") {
        Some(body) => (body, "␍"),
        None => match line.strip_suffix('\n') {
            Some(body) => (body, ""),
            None => (line, "␄"),
        },
    };
    format!("{body}{end}")
}
