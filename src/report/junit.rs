//! JUnit XML, so that every CI system shows test results: one `<testsuite>` per case
//! file, one `<testcase>` per case.

use crate::expect::{TestOutcome, TestResult};
use std::fmt::Write;

/// The JUnit XML report of a test run.
pub fn junit_xml(outcomes: &[TestOutcome]) -> String {
    let count = |r: TestResult| outcomes.iter().filter(|o| o.result == r).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"zhengce\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">",
        outcomes.len(),
        count(TestResult::Failed),
        count(TestResult::Skipped)
    );
    let mut files: Vec<&str> = outcomes.iter().map(|o| o.file.as_str()).collect();
    files.dedup();
    for file in files {
        let cases: Vec<&TestOutcome> = outcomes.iter().filter(|o| o.file == file).collect();
        let failures = cases.iter().filter(|o| o.result == TestResult::Failed).count();
        let skipped = cases.iter().filter(|o| o.result == TestResult::Skipped).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\">",
            escape(file),
            cases.len()
        );
        for case in cases {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(file),
                escape(&case.case)
            );
            match case.result {
                TestResult::Passed => out.push_str("/>\n"),
                TestResult::Skipped => {
                    out.push_str(">\n      <skipped message=\"no expect block\"/>\n    </testcase>\n")
                }
                TestResult::Failed => {
                    let summary = case.summary();
                    let place = case.line.map_or_else(|| file.to_string(), |l| format!("{file}:{l}"));
                    let _ = write!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"expectation\">{}: {}</failure>\n    </testcase>\n",
                        escape(&summary),
                        escape(&place),
                        escape(&summary)
                    );
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text as XML character data or attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
