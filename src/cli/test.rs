//! `zhengce test`: run case files with `expect:` blocks; one line per failing case and
//! a closing `N passed, N failed`. `--junit FILE` writes JUnit XML, `--format json`
//! one JSON report, `--coverage` which rules and conditions the cases exercise, and
//! `--coverage-min PCT` fails a run whose rule coverage is lower.

use super::{
    CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, Format, inputs, load_checked_policy, render_options,
};
use crate::coverage::Coverage;
use crate::expect::{TestOutcome, TestResult, compare};
use crate::report::{decision_json, junit_xml};
use crate::run::{CaseResult, MissingDate, Runner, Status};
use chrono::NaiveDate;
use serde_json::json;

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
}

/// Runs `test`.
pub fn run(paths: &[String], opts: &TestOptions, common: &CommonArgs, console: &mut Console) -> u8 {
    let Some(mut loaded) = load_checked_policy(common, console) else {
        return EXIT_POLICY;
    };
    let versions = std::mem::take(&mut loaded.versions);
    let options = render_options(common, console);
    let mut coverage = Coverage::new(&versions, &loaded.sources);
    let mut runner = Runner::with_versions(&versions, opts.as_of, MissingDate::Error);
    runner.limits = common.limits();
    let mut outcomes = Vec::new();
    for input in inputs::collect(paths) {
        let results = match input.bytes {
            Ok(bytes) => runner.run_file(&mut loaded.sources, &input.name, bytes),
            Err(e) => vec![runner.unreadable(&mut loaded.sources, &input.name, &e)],
        };
        for r in results {
            let program = &versions[r.version];
            if let (Some(decision), Some(facts)) = (&r.decision, r.facts()) {
                coverage.record(program, facts, decision.as_of, decision);
            }
            let record = decision_json(&r, program, &loaded.sources, &options);
            let line = r.case.id_span.map(|s| loaded.sources.line_col(s).line);
            outcomes.push(outcome(&r, &record, &input.name, line));
        }
    }
    let failed = outcomes.iter().filter(|o| o.result == TestResult::Failed).count();
    let passed = outcomes.iter().filter(|o| o.result == TestResult::Passed).count();
    let skipped = outcomes.len() - failed - passed;
    let mut code = if failed == 0 { EXIT_OK } else { EXIT_FAILED };
    if let Some(path) = &opts.junit
        && let Err(e) = console.write_file(path, &junit_xml(&outcomes))
    {
        console.err(&format!("cannot write the JUnit report to `{path}`: {e}\n"));
        code = EXIT_FAILED;
    }
    let below_min = opts.coverage_min.filter(|min| coverage.rule_percent() < *min);
    match opts.format {
        Format::Json => {
            let cases: Vec<serde_json::Value> = outcomes.iter().map(outcome_json).collect();
            let mut report = json!({"cases": cases, "passed": passed, "failed": failed, "skipped": skipped});
            if opts.coverage || opts.coverage_min.is_some() {
                report["coverage"] = coverage_json(&coverage);
            }
            console.out(&format!("{report}\n"));
        }
        Format::Text => {
            let mut text = String::new();
            for o in outcomes.iter().filter(|o| o.result == TestResult::Failed) {
                let place = o.line.map_or_else(|| o.file.clone(), |l| format!("{}:{l}", o.file));
                text.push_str(&format!("FAIL {place} {}: {}\n", o.case, o.summary()));
                for e in o.errors.iter().skip(usize::from(o.mismatches.is_empty())) {
                    text.push_str(&format!("    {e}\n"));
                }
            }
            if opts.coverage || opts.coverage_min.is_some() {
                text.push_str(&coverage_text(&coverage));
            }
            if let Some(min) = below_min {
                text.push_str(&format!(
                    "rule coverage {:.1}% is below the minimum {min}%\n",
                    coverage.rule_percent()
                ));
            }
            let skipped_text = if skipped > 0 {
                format!(", {skipped} skipped")
            } else {
                String::new()
            };
            text.push_str(&format!("{passed} passed, {failed} failed{skipped_text}\n"));
            console.out(&text);
        }
    }
    if below_min.is_some() {
        code = EXIT_FAILED;
    }
    code
}

fn outcome(r: &CaseResult, record: &serde_json::Value, file: &str, line: Option<usize>) -> TestOutcome {
    let errors: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    let (result, mismatches) = match &r.case.expect {
        Some(expect) => {
            let mismatches = compare(expect, record);
            let result = if mismatches.is_empty() {
                TestResult::Passed
            } else {
                TestResult::Failed
            };
            (result, mismatches)
        }
        // A case without expectations still fails when it cannot be evaluated.
        None if r.status == Status::Error => (TestResult::Failed, Vec::new()),
        None => (TestResult::Skipped, Vec::new()),
    };
    TestOutcome {
        case: r.id.clone().unwrap_or_else(|| "?".into()),
        file: file.to_string(),
        line,
        result,
        mismatches,
        errors,
    }
}

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

fn coverage_text(c: &Coverage) -> String {
    let (rs, rt) = c.rule_outcomes();
    let (cs, ct) = c.condition_outcomes();
    let mut out = format!(
        "coverage: rules {:.1}% ({rs}/{rt} outcomes), conditions {:.1}% ({cs}/{ct} outcomes)\n",
        c.rule_percent(),
        c.condition_percent()
    );
    for rule in &c.rules {
        match (rule.seen.true_, rule.seen.false_) {
            (false, false) => out.push_str(&format!("  not exercised: {}\n", rule.name)),
            (false, true) => out.push_str(&format!("  never holds: {}\n", rule.name)),
            (true, false) => out.push_str(&format!("  always holds: {}\n", rule.name)),
            (true, true) => {}
        }
        for cond in &rule.conditions {
            match (cond.seen.true_, cond.seen.false_) {
                (true, true) => {}
                (t, _) => {
                    let never = if t { "never false" } else { "never true" };
                    out.push_str(&format!("  {}: condition `{}` {never}\n", rule.name, cond.text));
                }
            }
        }
    }
    out
}

fn coverage_json(c: &Coverage) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = c
        .rules
        .iter()
        .map(|r| {
            json!({
                "rule": r.name,
                "held": r.seen.true_,
                "failed": r.seen.false_,
                "conditions": r.conditions.iter().map(|k| json!({"condition": k.text, "true": k.seen.true_, "false": k.seen.false_})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"rules_percent": c.rule_percent(), "conditions_percent": c.condition_percent(), "rules": rules})
}
