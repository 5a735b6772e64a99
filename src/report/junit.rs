//! JUnit XML, so that every CI system shows test results: one `<testsuite>` per case
//! file, one `<testcase>` per case. The XML opens with the totals, so the report keeps
//! a small entry per case until the run ends: its id, its file (by number) and, for a
//! failure only, its line and one-line summary; never its decision record.

use crate::expect::{TestOutcome, TestResult};
use std::collections::HashMap;
use std::io::{self, Write};

/// A JUnit report being gathered, one case at a time.
#[derive(Debug, Default)]
pub struct JunitReport {
    /// Each case file's name, once.
    files: Vec<String>,
    /// The number of each name in `files`.
    numbers: HashMap<String, u32>,
    /// The cases, in the order they ran.
    cases: Vec<JunitCase>,
    /// The language of the failures' summaries.
    lang: super::Lang,
}

/// What the report needs of one case.
#[derive(Debug)]
struct JunitCase {
    case: Box<str>,
    file: u32,
    result: TestResult,
    /// Only for a failure: most cases pass, and a passing case is one line with no detail.
    failure: Option<Box<Failure>>,
}

#[derive(Debug)]
struct Failure {
    line: Option<usize>,
    summary: String,
}

impl JunitReport {
    /// An empty report whose failures are told in `lang`.
    pub fn new(lang: super::Lang) -> JunitReport {
        JunitReport {
            lang,
            ..JunitReport::default()
        }
    }

    /// Adds a case's outcome.
    pub fn push(&mut self, outcome: &TestOutcome) {
        let file = match self.numbers.get(&outcome.file) {
            Some(n) => *n,
            None => {
                let n = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
                self.files.push(outcome.file.clone());
                self.numbers.insert(outcome.file.clone(), n);
                n
            }
        };
        let failure = (outcome.result == TestResult::Failed).then(|| {
            Box::new(Failure {
                line: outcome.line,
                summary: outcome.summary(self.lang),
            })
        });
        self.cases.push(JunitCase {
            case: outcome.case.as_str().into(),
            file,
            result: outcome.result,
            failure,
        });
    }

    /// The report as XML text.
    pub fn to_xml(&self) -> String {
        let mut out = Vec::new();
        // Writing to memory does not fail; the text is UTF-8 as everything written is.
        let _ = self.write_to(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Writes the report as XML: one suite for each run of cases from one file, holding
    /// every case of that file.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let count = |r: TestResult| self.cases.iter().filter(|c| c.result == r).count();
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"zhengce\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">",
            self.cases.len(),
            count(TestResult::Failed),
            count(TestResult::Skipped)
        )?;
        let mut of_file: Vec<Vec<&JunitCase>> = self.files.iter().map(|_| Vec::new()).collect();
        for case in &self.cases {
            if let Some(list) = of_file.get_mut(case.file as usize) {
                list.push(case);
            }
        }
        let mut suites: Vec<u32> = self.cases.iter().map(|c| c.file).collect();
        suites.dedup();
        for file in suites {
            let (Some(name), Some(cases)) = (self.files.get(file as usize), of_file.get(file as usize)) else {
                continue;
            };
            write_suite(out, name, cases)?;
        }
        writeln!(out, "</testsuites>")
    }
}

fn write_suite(out: &mut dyn Write, file: &str, cases: &[&JunitCase]) -> io::Result<()> {
    let failures = cases.iter().filter(|c| c.result == TestResult::Failed).count();
    let skipped = cases.iter().filter(|c| c.result == TestResult::Skipped).count();
    let name = escape(file);
    writeln!(
        out,
        "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\">",
        cases.len()
    )?;
    for case in cases {
        write!(
            out,
            "    <testcase classname=\"{name}\" name=\"{}\"",
            escape(&case.case)
        )?;
        match (case.result, &case.failure) {
            (TestResult::Failed, Some(failure)) => {
                let place = failure.line.map_or_else(|| file.to_string(), |l| format!("{file}:{l}"));
                let summary = escape(&failure.summary);
                write!(
                    out,
                    ">\n      <failure message=\"{summary}\" type=\"expectation\">{}: {summary}</failure>\n    </testcase>\n",
                    escape(&place),
                )?;
            }
            (TestResult::Skipped, _) => {
                out.write_all(b">\n      <skipped message=\"no expect block\"/>\n    </testcase>\n")?
            }
            _ => out.write_all(b"/>\n")?,
        }
    }
    out.write_all(b"  </testsuite>\n")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect::Mismatch;
    use crate::source::{FileId, Span};
    use serde_json::json;

    fn outcome(case: &str, file: &str, result: TestResult) -> TestOutcome {
        let mismatches = match result {
            TestResult::Failed => vec![Mismatch {
                key: "eligible".into(),
                named: "`eligible`".into(),
                expected: json!(true),
                actual: json!("<no>"),
                kind: crate::expect::MismatchKind::Differs,
                span: Span::new(FileId(0), 0, 0),
            }],
            _ => Vec::new(),
        };
        TestOutcome {
            case: case.into(),
            file: file.into(),
            line: Some(3),
            result,
            mismatches,
            errors: Vec::new(),
        }
    }

    /// What is kept of a case is a few words: no decision record, no text for a case
    /// that passed.
    #[test]
    fn each_case_keeps_a_small_entry() {
        assert!(std::mem::size_of::<JunitCase>() <= 32);
        let mut report = JunitReport::new(crate::report::Lang::En);
        report.push(&outcome("a1", "a.yaml", TestResult::Passed));
        assert!(report.cases[0].failure.is_none() && report.files.len() == 1);
    }

    #[test]
    fn suites_per_file_with_failures_and_skips() {
        let mut report = JunitReport::new(crate::report::Lang::En);
        report.push(&outcome("a1", "a.yaml", TestResult::Passed));
        report.push(&outcome("a&2", "a.yaml", TestResult::Failed));
        report.push(&outcome("b1", "b.yaml", TestResult::Skipped));
        assert_eq!(
            report.to_xml(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"zhengce\" tests=\"3\" failures=\"1\" skipped=\"1\">\n\
             \x20 <testsuite name=\"a.yaml\" tests=\"2\" failures=\"1\" skipped=\"0\">\n\
             \x20   <testcase classname=\"a.yaml\" name=\"a1\"/>\n\
             \x20   <testcase classname=\"a.yaml\" name=\"a&amp;2\">\n\
             \x20     <failure message=\"`eligible`: expected yes, got &lt;no&gt;\" type=\"expectation\">\
             a.yaml:3: `eligible`: expected yes, got &lt;no&gt;</failure>\n\
             \x20   </testcase>\n\
             \x20 </testsuite>\n\
             \x20 <testsuite name=\"b.yaml\" tests=\"1\" failures=\"0\" skipped=\"1\">\n\
             \x20   <testcase classname=\"b.yaml\" name=\"b1\">\n\
             \x20     <skipped message=\"no expect block\"/>\n\
             \x20   </testcase>\n\
             \x20 </testsuite>\n\
             </testsuites>\n"
        );
    }
}
