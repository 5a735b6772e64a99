//! `zhengce test`: run case files with `expect:` blocks; one line per failing case and
//! a closing `N passed, N failed`. `--junit FILE` writes JUnit XML, `--format json`
//! one JSON report, `--coverage` which rules and conditions the cases exercise, and
//! `--coverage-min PCT` fails a run whose rule coverage is lower. `--mutants` runs the
//! cases on mutants of the policy instead (`mutants`).
//!
//! Cases are read, evaluated and reported one at a time (`report`): a run holds one
//! case, the counts, and for `--junit` a small entry per case, so a file of a hundred
//! thousand cases costs about its own text in memory.

mod coverage;
mod mutants;
mod report;

use super::{CommonArgs, Console, EXIT_FAILED, EXIT_POLICY, Format, inputs, load_checked_policy, render_options};
use crate::coverage::Coverage;
use crate::expect::{TestOutcome, TestResult, check_case};
use crate::program::Program;
use crate::report::RenderOptions;
use crate::report::messages::{Msg, msg_with};
use crate::run::{CaseResult, MissingDate, Runner, Status};
use crate::source::SourceMap;
use chrono::NaiveDate;
use report::{Closing, TestReport};

pub use mutants::{MutantsArgs, MutantsOptions};

/// What `test` was asked to produce.
#[derive(Debug, Clone, Default)]
pub struct TestOptions {
    /// `--as-of`.
    pub as_of: Option<NaiveDate>,
    /// `--format`.
    pub format: Format,
    /// `--junit FILE`.
    pub junit: Option<String>,
    /// `--coverage`.
    pub coverage: bool,
    /// `--coverage-min PCT`.
    pub coverage_min: Option<f64>,
    /// `--mutants` and its options: run the cases on mutants of the policy.
    pub mutants: Option<MutantsOptions>,
}

/// Runs `test`.
pub fn run(paths: &[String], opts: &TestOptions, common: &CommonArgs, console: &mut Console) -> u8 {
    if paths.is_empty() {
        return super::not_given(Msg::WhatCasePaths, "cases", common, console);
    }
    if let Some(mutants) = &opts.mutants {
        return mutants::run(paths, opts, mutants, common, console);
    }
    let Some(mut loaded) = load_checked_policy(common, console) else {
        return EXIT_POLICY;
    };
    super::say_if_builtin(&loaded, common.lang(), console);
    let versions = std::mem::take(&mut loaded.versions);
    let options = render_options(common, console);
    let wants_coverage = opts.coverage || opts.coverage_min.is_some();
    let mut coverage = wants_coverage.then(|| Coverage::new(&versions, &loaded.sources));
    let mut runner = Runner::with_versions(&versions, opts.as_of, MissingDate::Error);
    runner.limits = common.limits();
    let mut report = TestReport::new(
        opts.format,
        opts.junit.is_some(),
        common.lang(),
        options.width,
        console.out_is_terminal(),
    );
    let mut case = |r: &CaseResult, sources: &SourceMap, file: &str, console: &mut Console| {
        let program = &versions[r.version];
        if let (Some(coverage), Some(decision), Some(facts)) = (&mut coverage, &r.decision, r.facts()) {
            coverage.record(program, facts, decision.as_of, decision);
        }
        report.add(&outcome(r, program, sources, &options, file), console);
    };
    let mut total = 0usize;
    for input in inputs::collect(paths) {
        match input.bytes {
            // Each result is reported as it comes: one case at a time is held.
            Ok(bytes) => {
                let file = runner.add_file(&mut loaded.sources, &input.name, bytes);
                for r in runner.results(&file) {
                    total += 1;
                    case(&r, &loaded.sources, &input.name, console);
                }
            }
            Err(e) => {
                total += 1;
                let r = runner.unreadable(&mut loaded.sources, &input.name, e);
                case(&r, &loaded.sources, &input.name, console);
            }
        }
    }
    // A test run with nothing to test fails: a CI job given a wrong path must not pass.
    if total == 0 {
        console.err(&format!(
            "{}\n",
            msg_with(Msg::NoCasesUnder, common.lang(), &paths.join(" "))
        ));
        return EXIT_FAILED;
    }
    let closing = Closing {
        junit_path: opts.junit.as_deref(),
        coverage: coverage.as_ref(),
        coverage_min: opts.coverage_min,
    };
    report.finish(&closing, console)
}

/// How one case ended (its record built only to compare it with an `expect` block: see
/// [`check_case`]).
fn outcome(r: &CaseResult, program: &Program, sources: &SourceMap, options: &RenderOptions, file: &str) -> TestOutcome {
    // Each error where it is (`file:line:col`), as `eval` points at it.
    let errors: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let place = d.span.map_or_else(String::new, |span| {
                let at = sources.line_col(span);
                format!("{}:{}:{} ", sources.get(span.file).name, at.line, at.column)
            });
            format!("{place}{}: {}", d.code.as_str(), d.message.get(options.lang))
        })
        .collect();
    let (result, mismatches) = match check_case(r, program, sources, options) {
        Some(checked) => {
            let result = if checked.passed() {
                TestResult::Passed
            } else {
                TestResult::Failed
            };
            let mut mismatches = checked.mismatches;
            // A case that was not evaluated has no decision to differ: an expected value
            // it lacks is not "got none" but the errors, told instead. What an error
            // record has (`status`, its diagnostics) is still compared.
            if r.decision.is_none() {
                mismatches.retain(|m| !m.actual.is_null());
            }
            (result, mismatches)
        }
        // A case without expectations still fails when it cannot be evaluated.
        None if r.status == Status::Error => (TestResult::Failed, Vec::new()),
        None => (TestResult::Skipped, Vec::new()),
    };
    TestOutcome {
        case: r.id.clone().unwrap_or_else(|| "?".into()),
        file: file.to_string(),
        line: r.case.id_span.map(|s| sources.line_col(s).line),
        result,
        mismatches,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Console, run_with};
    use crate::privacy::Pii;
    use crate::report::TRACES_BUILT;
    use clap::Parser;

    /// 300 cases, most with an `expect:` block, some without: in every report format
    /// the trace is built once, for the one case whose expectation asks about it.
    #[test]
    fn a_trace_is_built_only_for_an_expectation_that_asks_about_it() {
        let dir = std::env::temp_dir().join(format!("zhengce-test-traces-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cases.yaml");
        let mut text = String::new();
        for i in 0..300 {
            let expect = match i {
                7 => "expect: { trace: [], categories: [1] }\n",
                _ if i % 3 == 0 => "",
                _ => "expect: { categories: [1], eligible: true }\n",
            };
            text.push_str(&format!(
                "---\nid: c{i}\nas_of: 2025-09-01\n{expect}person: {{ gender: male, birth_date: 1975-03-10 }}\n\
                 registration: {{ unemployed_since: 2025-01-10 }}\nemployment: {{ status: unemployed }}\n"
            ));
        }
        std::fs::write(&path, text).unwrap();
        let (path, junit) = (path.to_str().unwrap(), dir.join("junit.xml"));
        let runs = [
            vec!["test", "--lang", "en", path],
            vec![
                "test",
                "--lang",
                "en",
                "--format",
                "json",
                "--coverage",
                "--junit",
                junit.to_str().unwrap(),
                path,
            ],
        ];
        for args in runs {
            let cli = Cli::try_parse_from(std::iter::once("zhengce").chain(args.iter().copied())).unwrap();
            let (mut out, mut err) = (Vec::new(), Vec::new());
            TRACES_BUILT.with(|n| n.set(0));
            let code = run_with(cli, &mut Console::captured(&mut out, &mut err, Pii::Mask));
            let out = String::from_utf8(out).unwrap();
            assert_eq!(code, 1, "{out}");
            assert_eq!(TRACES_BUILT.with(std::cell::Cell::get), 1, "{args:?}");
            assert!(
                out.contains("`trace`: expected [], got [\"") || out.contains("\"key\":\"trace\""),
                "{out}"
            );
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
