//! `zhengce match` (信息比对): finds, in a bureau's registry extracts, the people who
//! meet the policy's conditions but are not yet certified, for the "点对点" push of
//! clause 一. A mapping (TOML with one SQL query) says how the registries' columns
//! become case fields; DataFusion runs it; every resulting row is decided by the
//! policy; the push list and the error table are written as CSV and Parquet.

mod args;
mod csv_layout;
mod list_store;
mod mapping;
mod messages;
mod push_list;
mod registries;
mod run;

use args::Args;
use messages::MatchMsg;
use push_list::{Findings, write_csv, write_list};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhengce::cli::help;
use zhengce::lang::Lang;

// Registry rows are checked, and query rows decided, each with many small allocations
// on several threads; the system allocator spent a sixth of a run in malloc and free
// (10 million rows), mimalloc's thread-local free lists far less (as `zhengce` itself).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_of(&argv);
    let args = match args::parse(&argv, lang) {
        Ok(args) => args,
        // `--help`, `--version` and mistakes on the command line, in the user's language
        // (a mistyped argument may be an ID number: masked).
        Err(told) => return told.show(),
    };
    let options = run::Options {
        mapping: args.mapping.clone(),
        as_of: args.as_of,
        show_pii: args.show_pii,
        lang,
        memory_limit: usize::try_from(args.memory_mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX),
    };
    let outcome = match run::run(&options) {
        Ok(outcome) => outcome,
        Err(failure) => {
            eprintln!("{}", failure.0);
            return ExitCode::from(2);
        }
    };
    // The staging folder holds the list's records until the list is written.
    let run::Outcome {
        findings,
        as_of,
        staging: _staging,
    } = outcome;
    let summary = summary_text(&findings, lang);
    let json = summary_json(&findings, as_of, lang);
    let clean = findings.problems.is_empty();
    if let Err(message) = write_outputs(findings, &args, lang) {
        eprintln!("{message}");
        return ExitCode::from(2);
    }
    eprint!("{summary}");
    if let Some(path) = &args.summary
        && let Err(e) = std::fs::write(path, json)
    {
        let said = MatchMsg::CannotWrite.with([path.display().to_string(), e.to_string()]);
        eprintln!("{}", said.get(lang));
        return ExitCode::from(2);
    }
    if clean { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// The list's Parquet copy and the error table, beside the list.
fn siblings(out: &Path) -> (PathBuf, PathBuf) {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (
        out.with_extension("parquet"),
        out.with_file_name(format!("{stem}.errors.csv")),
    )
}

fn write_outputs(findings: Findings, args: &Args, lang: Lang) -> Result<(), String> {
    let (parquet, errors) = siblings(&args.out);
    let cannot = |path: &Path, e: std::io::Error| {
        MatchMsg::CannotWrite
            .with([path.display().to_string(), e.to_string()])
            .get(lang)
            .into_owned()
    };
    write_csv(&findings.problem_batch(lang), &errors).map_err(|e| cannot(&errors, e))?;
    write_list(findings.list, lang, args.show_pii, &args.out, &parquet).map_err(|e| cannot(&args.out, e))?;
    let written = MatchMsg::Written.with([
        args.out.display().to_string(),
        parquet.display().to_string(),
        errors.display().to_string(),
    ]);
    eprintln!("{}", written.get(lang));
    Ok(())
}

fn summary_text(findings: &Findings, lang: Lang) -> String {
    let (by_district, by_category) = findings.counts(lang);
    let mut text = MatchMsg::Summary
        .with([
            findings.decided.to_string(),
            findings.list.len().to_string(),
            findings.problems.len().to_string(),
        ])
        .get(lang)
        .into_owned();
    text.push('\n');
    for (heading, counts) in [
        (MatchMsg::ByDistrict, &by_district),
        (MatchMsg::ByCategory, &by_category),
    ] {
        if counts.is_empty() {
            continue;
        }
        text.push_str(heading.text(lang));
        text.push('\n');
        for (name, n) in counts {
            text.push_str(&format!("  {name}  {n}\n"));
        }
    }
    text
}

fn summary_json(findings: &Findings, as_of: chrono::NaiveDate, lang: Lang) -> String {
    let (by_district, by_category) = findings.counts(lang);
    let json = serde_json::json!({
        "as_of": as_of.to_string(),
        "decided": findings.decided,
        "listed": findings.list.len(),
        "problems": findings.problems.len(),
        "by_district": by_district,
        "by_category": by_category,
    });
    format!("{json:#}\n")
}
