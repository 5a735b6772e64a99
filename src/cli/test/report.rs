//! `test`'s reports, written as the cases come: a failing case's lines (text) or its
//! entry in the `cases` list (JSON) go out at once, and nothing is kept of a case but
//! the counts and, for `--junit`, a small entry ([`JunitReport`]). The closing lines
//! (coverage, `N passed, N failed`) and the JUnit file are written at the end.

use super::coverage::{coverage_json, coverage_text};
use crate::cli::{Console, EXIT_FAILED, EXIT_OK, Format};
use crate::coverage::Coverage;
use crate::expect::{TestOutcome, TestResult};
use crate::report::layout::wrap_lines;
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use crate::report::{JunitReport, Lang};
use serde_json::json;

/// The reports of one `test` run, being written.
pub(super) struct TestReport {
    format: Format,
    passed: usize,
    failed: usize,
    skipped: usize,
    junit: Option<JunitReport>,
    /// The language of the report's words.
    lang: Lang,
    /// The width its lines wrap at, in columns.
    width: usize,
    /// Whether a failure's line wraps too (on a terminal; in a pipe or a CI log it
    /// stays one line, which one `grep` finds).
    wrap_failures: bool,
}

/// What the end of the run reports besides the cases.
pub(super) struct Closing<'a> {
    /// `--junit FILE`.
    pub junit_path: Option<&'a str>,
    /// The coverage, when `--coverage` or `--coverage-min` asked for it.
    pub coverage: Option<&'a Coverage>,
    /// `--coverage-min PCT`.
    pub coverage_min: Option<f64>,
}

impl TestReport {
    /// A report in `format`; `junit` keeps what a JUnit file needs.
    pub(super) fn new(format: Format, junit: bool, lang: Lang, width: usize, wrap_failures: bool) -> TestReport {
        TestReport {
            width,
            wrap_failures,
            format,
            passed: 0,
            failed: 0,
            skipped: 0,
            junit: junit.then(|| JunitReport::new(lang)),
            lang,
        }
    }

    /// Reports one case.
    pub(super) fn add(&mut self, o: &TestOutcome, console: &mut Console) {
        let first = self.passed + self.failed + self.skipped == 0;
        match o.result {
            TestResult::Passed => self.passed += 1,
            TestResult::Failed => self.failed += 1,
            TestResult::Skipped => self.skipped += 1,
        }
        if let Some(junit) = &mut self.junit {
            junit.push(o);
        }
        match self.format {
            Format::Json => {
                let open = if first { "{\"cases\":[" } else { "," };
                console.out(&format!("{open}{}", outcome_json(o)));
            }
            Format::Text if o.result == TestResult::Failed => {
                let text = failure_text(o, self.lang);
                console.out(&if self.wrap_failures {
                    wrap_lines(&text, self.width)
                } else {
                    text
                })
            }
            Format::Text => {}
        }
    }

    /// Writes the JUnit file and the end of the report; returns the exit code.
    pub(super) fn finish(self, closing: &Closing, console: &mut Console) -> u8 {
        let (passed, failed, skipped) = (self.passed, self.failed, self.skipped);
        let mut code = if failed == 0 { EXIT_OK } else { EXIT_FAILED };
        // Cases were found but none had an `expect:` block: nothing was checked, and a
        // CI job must not pass on that.
        if passed + failed == 0 {
            console.err(&format!("{}\n", msg(Msg::NothingTested, self.lang)));
            code = EXIT_FAILED;
        }
        if let (Some(path), Some(junit)) = (closing.junit_path, &self.junit)
            && let Err(e) = console.write_file_with(path, |w| junit.write_to(w))
        {
            console.err(&format!(
                "{}\n",
                msg_args(
                    Msg::CannotWriteJunit,
                    self.lang,
                    &[path, &crate::input::write_error(path, &e).get(self.lang)]
                )
            ));
            code = EXIT_FAILED;
        }
        let below_min = match (closing.coverage, closing.coverage_min) {
            (Some(c), Some(min)) => (c.rule_percent() < min).then_some((c, min)),
            _ => None,
        };
        match self.format {
            Format::Json => {
                let open = if passed + failed + skipped == 0 {
                    "{\"cases\":["
                } else {
                    ""
                };
                let mut end = format!("{open}],\"passed\":{passed},\"failed\":{failed},\"skipped\":{skipped}");
                if let Some(c) = closing.coverage {
                    end.push_str(&format!(",\"coverage\":{}", coverage_json(c)));
                }
                end.push_str("}\n");
                console.out(&end);
            }
            Format::Text => {
                let lang = self.lang;
                let mut text = closing
                    .coverage
                    .map(|c| wrap_lines(&coverage_text(c, lang), self.width))
                    .unwrap_or_default();
                if let Some((c, min)) = below_min {
                    let (percent, min) = (format!("{:.1}", c.rule_percent()), min.to_string());
                    text.push_str(&format!(
                        "{}\n",
                        msg_args(Msg::CoverageBelowMinimum, lang, &[&percent, &min])
                    ));
                }
                let totals = [passed, failed].map(|n| n.to_string());
                text.push_str(&msg_args(Msg::TestTotals, lang, &[&totals[0], &totals[1]]));
                if skipped > 0 {
                    text.push_str(&msg_with(Msg::TestSkipped, lang, &skipped.to_string()));
                }
                text.push('\n');
                console.out(&text);
            }
        }
        if below_min.is_some() {
            code = EXIT_FAILED;
        }
        code
    }
}

/// A failing case in the text report: where it is, what differed, why it could not be
/// evaluated.
fn failure_text(o: &TestOutcome, lang: Lang) -> String {
    let place = o.line.map_or_else(|| o.file.clone(), |l| format!("{}:{l}", o.file));
    let mut text = format!(
        "{}\n",
        msg_args(Msg::TestFailed, lang, &[&place, &o.case, &o.summary(lang)])
    );
    for e in o.errors.iter().skip(usize::from(o.mismatches.is_empty())) {
        text.push_str(&format!("    {e}\n"));
    }
    text
}

/// A case's entry in the JSON report's `cases` list.
fn outcome_json(o: &TestOutcome) -> serde_json::Value {
    json!({
        "case": o.case,
        "file": o.file,
        "line": o.line,
        "result": o.result.as_str(),
        "differences": o.mismatches.iter().map(|m| json!({"key": m.key, "expected": m.expected, "actual": m.actual})).collect::<Vec<_>>(),
        "errors": o.errors,
    })
}
