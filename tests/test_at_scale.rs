//! `zhengce test` over a generated corpus of a few thousand cases in one file: the text,
//! JSON and JUnit reports are exactly those built here from the cases' decision
//! records (`eval --format json`) and their `expect:` blocks, as `test` wrote them
//! before it streamed its output. Cases pass, fail (a wrong expectation, a case that
//! cannot be read, a trace that differs) and are skipped; one asks about the trace.
//! Coverage is the same whether the cases are in one file or in several.

#[allow(dead_code)]
#[path = "../examples/gen_cases/generator.rs"]
mod generator;
mod scratch;

use scratch::Scratch;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CASES: usize = 2_000;

fn zhengce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "en")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn dir(test: &str) -> Scratch {
    Scratch::new(&format!("at-scale-{test}"))
}

/// How a case is changed and what it expects.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// No `expect:` block.
    NoExpect,
    /// The decision's own eligibility and categories: passes.
    Holds,
    /// The opposite eligibility: fails.
    WrongEligible,
    /// An unknown top-level key makes it unreadable, yet it expects `status: ok` and an
    /// eligibility.
    Unreadable,
    /// Unreadable, and with no `expect:` block: fails all the same.
    UnreadableNoExpect,
    /// Expects its own trace (passes) or a wrong one (fails).
    Trace(bool),
}

fn kind(i: usize) -> Kind {
    match i {
        11 => Kind::Trace(true),
        12 => Kind::Trace(false),
        _ if i % 250 == 7 => Kind::Unreadable,
        _ if i % 250 == 8 => Kind::UnreadableNoExpect,
        _ if i % 97 == 5 => Kind::WrongEligible,
        _ if i.is_multiple_of(10) => Kind::NoExpect,
        _ => Kind::Holds,
    }
}

/// Writes the cases (the first being case number `first`) as multi-document YAML, one
/// top-level key a line (values in JSON's flow form), with `expect` after `as_of`;
/// returns the line of each case's id.
fn write_corpus(path: &Path, first: usize, cases: &[Value], expects: &[Option<Value>]) -> Vec<usize> {
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut line = 1;
    for (i, case) in cases.iter().enumerate() {
        text.push_str("---\n");
        line += 1;
        let Value::Object(map) = case else {
            panic!("a case is an object")
        };
        for (key, value) in map {
            if key == "id" {
                lines.push(line);
            }
            writeln!(text, "{key}: {value}").unwrap();
            line += 1;
            if key == "as_of" {
                if let Some(expect) = &expects[i] {
                    writeln!(text, "expect: {expect}").unwrap();
                    line += 1;
                }
                if matches!(kind(first + i), Kind::Unreadable | Kind::UnreadableNoExpect) {
                    text.push_str("bogus_field: 1\n");
                    line += 1;
                }
            }
        }
    }
    std::fs::write(path, text).unwrap();
    lines
}

fn records(path: &Path) -> Vec<Value> {
    let out = zhengce(&["eval", "--format", "json", path.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn expectation(i: usize, record: &Value) -> Option<Value> {
    let eligible = record["eligible"].clone();
    match kind(i) {
        Kind::NoExpect | Kind::UnreadableNoExpect => None,
        Kind::Holds => Some(json!({"eligible": eligible, "categories": record["categories"]})),
        Kind::WrongEligible => Some(json!({"eligible": !eligible.as_bool().unwrap(), "status": "ok"})),
        // What it expects of the decision it does not get is not reported as "none".
        Kind::Unreadable => Some(json!({"status": "ok", "eligible": eligible})),
        Kind::Trace(true) => Some(json!({"trace": record["trace"], "eligible": eligible})),
        Kind::Trace(false) => Some(json!({"eligible": eligible, "trace": ["wrong"]})),
    }
}

/// One case's outcome as `test` reports it.
struct Outcome {
    case: String,
    line: usize,
    result: &'static str,
    /// Key, expected, actual.
    differences: Vec<(String, Value, Value)>,
    errors: Vec<String>,
}

/// A record key as the report names it: the policy's English label with the key, or
/// the key alone where the label is the key.
fn named(key: &str) -> String {
    match key {
        "eligible" => "person with employment difficulty (`eligible`)".into(),
        "status" => "case status (`status`)".into(),
        other => format!("`{other}`"),
    }
}

/// A value as the report shows it: yes, no and none in words, text as it is.
fn words(v: &Value) -> String {
    match v {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Outcome {
    fn summary(&self) -> String {
        let mut parts: Vec<String> = self
            .differences
            .iter()
            .map(|(k, e, a)| format!("{}: expected {}, got {}", named(k), words(e), words(a)))
            .collect();
        if parts.is_empty() && !self.errors.is_empty() {
            parts.push(format!("cannot be evaluated: {}", self.errors[0]));
        }
        parts.join("; ")
    }
}

fn outcome(record: &Value, expect: Option<&Value>, line: usize) -> Outcome {
    let errors: Vec<String> = record["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            // Where it is, when it has a place: `file:line:col `.
            let place = match (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()) {
                (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c} "),
                _ => String::new(),
            };
            format!(
                "{place}{}: {}",
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    // A record with no decision (a case not evaluated): what it lacks is not compared.
    let evaluated = record.get("categories").is_some();
    let differences: Vec<(String, Value, Value)> = expect
        .and_then(Value::as_object)
        .map(|e| {
            e.iter()
                .map(|(k, v)| (k.clone(), v.clone(), record.get(k).cloned().unwrap_or(Value::Null)))
                .filter(|(_, e, a)| e != a)
                .collect()
        })
        .unwrap_or_default();
    let error = record["status"] == "error";
    let result = match expect {
        Some(_) if differences.is_empty() => "passed",
        Some(_) => "failed",
        None if error => "failed",
        None => "skipped",
    };
    // Shown: the differences of a decision, or of what an error record has.
    let differences: Vec<(String, Value, Value)> = differences
        .into_iter()
        .filter(|(_, _, a)| evaluated || !a.is_null())
        .collect();
    Outcome {
        case: record["case"].as_str().unwrap_or("?").to_string(),
        line,
        result,
        differences,
        errors,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn expected_text(file: &str, outcomes: &[Outcome]) -> String {
    let mut text = String::new();
    for o in outcomes.iter().filter(|o| o.result == "failed") {
        writeln!(text, "FAIL {file}:{} {}: {}", o.line, o.case, o.summary()).unwrap();
        for e in o.errors.iter().skip(usize::from(o.differences.is_empty())) {
            writeln!(text, "    {e}").unwrap();
        }
    }
    let count = |r: &str| outcomes.iter().filter(|o| o.result == r).count();
    writeln!(
        text,
        "{} passed, {} failed, {} skipped",
        count("passed"),
        count("failed"),
        count("skipped")
    )
    .unwrap();
    text
}

fn expected_json(file: &str, outcomes: &[Outcome]) -> String {
    let cases: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            json!({
                "case": o.case,
                "file": file,
                "line": o.line,
                "result": o.result,
                "differences": o.differences.iter().map(|(k, e, a)| json!({"key": k, "expected": e, "actual": a})).collect::<Vec<_>>(),
                "errors": o.errors,
            })
        })
        .collect();
    let count = |r: &str| outcomes.iter().filter(|o| o.result == r).count();
    let report =
        json!({"cases": cases, "passed": count("passed"), "failed": count("failed"), "skipped": count("skipped")});
    format!("{report}\n")
}

fn expected_junit(file: &str, outcomes: &[Outcome]) -> String {
    let count = |r: &str| outcomes.iter().filter(|o| o.result == r).count();
    let (failed, skipped) = (count("failed"), count("skipped"));
    let name = escape(file);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let n = outcomes.len();
    writeln!(
        xml,
        "<testsuites name=\"zhengce\" tests=\"{n}\" failures=\"{failed}\" skipped=\"{skipped}\">"
    )
    .unwrap();
    writeln!(
        xml,
        "  <testsuite name=\"{name}\" tests=\"{n}\" failures=\"{failed}\" skipped=\"{skipped}\">"
    )
    .unwrap();
    for o in outcomes {
        write!(xml, "    <testcase classname=\"{name}\" name=\"{}\"", escape(&o.case)).unwrap();
        match o.result {
            "passed" => xml.push_str("/>\n"),
            "skipped" => xml.push_str(">\n      <skipped message=\"no expect block\"/>\n    </testcase>\n"),
            _ => {
                let summary = escape(&o.summary());
                let place = escape(&format!("{file}:{}", o.line));
                writeln!(
                    xml,
                    ">\n      <failure message=\"{summary}\" type=\"expectation\">{place}: {summary}</failure>\n    </testcase>"
                )
                .unwrap();
            }
        }
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

#[test]
fn reports_over_a_few_thousand_cases_are_exactly_as_specified() {
    let dir = dir("reports");
    let mut generator = generator::Generator::new(11);
    let cases: Vec<Value> = (0..CASES).map(|_| generator.case()).collect();
    let corpus = dir.join("corpus.yaml");
    let file = corpus.to_str().unwrap();
    // The decisions, then the same cases with expectations taken from them.
    write_corpus(&corpus, 0, &cases, &vec![None; CASES]);
    let first = records(&corpus);
    assert_eq!(first.len(), CASES);
    let expects: Vec<Option<Value>> = first.iter().enumerate().map(|(i, r)| expectation(i, r)).collect();
    let lines = write_corpus(&corpus, 0, &cases, &expects);
    let records = records(&corpus);
    let outcomes: Vec<Outcome> = records
        .iter()
        .zip(&expects)
        .zip(&lines)
        .map(|((r, e), line)| outcome(r, e.as_ref(), *line))
        .collect();
    let count = |r: &str| outcomes.iter().filter(|o| o.result == r).count();
    // Every kind of outcome is there, in numbers.
    assert!(count("passed") > 1_500 && count("skipped") > 150, "{}", count("passed"));
    assert_eq!(
        count("failed"),
        21 + 8 + 8 + 1,
        "wrong eligibility, unreadable twice, a wrong trace"
    );
    assert_eq!(outcomes[11].result, "passed", "its own trace");
    assert_eq!(outcomes[12].differences[0].0, "trace");

    let text = zhengce(&["test", file]);
    assert_eq!(text.status.code(), Some(1));
    assert_eq!(String::from_utf8(text.stdout).unwrap(), expected_text(file, &outcomes));

    let junit = dir.join("junit.xml");
    let json = zhengce(&["test", "--format", "json", "--junit", junit.to_str().unwrap(), file]);
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(String::from_utf8(json.stdout).unwrap(), expected_json(file, &outcomes));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml, expected_junit(file, &outcomes));
    roxmltree::Document::parse(&xml).expect("well-formed XML");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn coverage_is_the_same_over_one_file_or_several() {
    let dir = dir("coverage");
    let mut generator = generator::Generator::new(12);
    let cases: Vec<Value> = (0..600).map(|_| generator.case()).collect();
    let whole = dir.join("whole.yaml");
    write_corpus(&whole, 0, &cases, &vec![None; cases.len()]);
    let parts: Vec<PathBuf> = cases
        .chunks(200)
        .enumerate()
        .map(|(i, chunk)| {
            let part = dir.join(format!("part{i}.yaml"));
            write_corpus(&part, i * 200, chunk, &vec![None; chunk.len()]);
            part
        })
        .collect();
    let coverage = |paths: &[&str]| {
        let mut args = vec!["test", "--format", "json", "--coverage"];
        args.extend_from_slice(paths);
        let report: Value = serde_json::from_slice(&zhengce(&args).stdout).unwrap();
        // The unreadable cases fail; the others, without expectations, are skipped.
        assert_eq!(
            (report["failed"].as_u64(), report["skipped"].as_u64()),
            (Some(6), Some(594))
        );
        report["coverage"].clone()
    };
    let one = coverage(&[whole.to_str().unwrap()]);
    let several = coverage(&parts.iter().map(|p| p.to_str().unwrap()).collect::<Vec<_>>());
    assert_eq!(one, several);
    let percent = one["rules_percent"].as_f64().unwrap();
    assert!(percent > 50.0, "generated cases exercise most rules: {percent}");
    let _ = std::fs::remove_dir_all(dir);
}
