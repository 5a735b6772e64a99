//! Every stage costs time in proportion to the policy and the input, not their square
//! (issue 9, D2). These tests run inputs of the sizes that used to take minutes, and
//! check what comes out; they time nothing. Came the quadratic costs back, they would
//! run for hours in a debug build. The counts themselves are checked by unit tests
//! next to the code (`source`, `report::excerpt`, `check`, `eval`, `run`, `lint`).
//!
//! Sizes: a debug build parses some 4,000 rules a second, so the policies here have
//! 8,000 rules, where the quadratic costs took minutes; the counts that prove the
//! costs linear are in the unit tests, and the release build is measured with 100,000
//! rules in the report of issue 9.

mod scratch;

use scratch::Scratch;
use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{DrawOptions, diagnostic_json, render_diagnostic};

/// Diagnostics drawn as in a pipe, in English.
const DRAW: DrawOptions = DrawOptions {
    lang: zhengce::lang::Lang::En,
    color: false,
    show_pii: false,
    width: 80,
};
use zhengce::run::{MissingDate, Runner};

/// Writes a policy into a fresh folder and loads it.
fn load(name: &str, text: &str) -> LoadedPolicy {
    let dir = Scratch::new(&format!("linear-{name}"));
    let path = dir.join(format!("{name}.policy"));
    std::fs::write(&path, text).expect("the policy written");
    load_policy(&path.to_string_lossy(), PolicySource::Disk)
}

/// `n` checks that hold when `b` does (as `gen-quadratic-rules.py` writes them, with a
/// severity so that each diagnostic is pointed at the case).
fn checks(n: usize) -> String {
    let rules: String = (0..n)
        .map(|i| format!("check c{i} cites \"x\" \"x\" {{ when b\n  severity warning }}\n"))
        .collect();
    format!("policy \"p\" {{}}\ncase {{ b: bool? \"b\" }}\n{rules}")
}

/// 8,000 rules check (with every lint), and a case for which all of them hold gets
/// 8,000 diagnostics, each pointing at the case field its check reads.
#[test]
fn many_rules_check_and_each_diagnostic_finds_its_field() {
    let n = 8_000;
    let mut loaded = load("checks", &checks(n));
    let Some(program) = loaded.program.take() else {
        panic!("{:?}", loaded.diagnostics.first())
    };
    assert_eq!(program.rules.len(), n);
    let warnings = zhengce::lint::lint(&program);
    assert!(warnings.is_empty(), "{:?}", warnings.first());
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let case = "id: x\nas_of: 2025-09-01\nb: true\n";
    let results = runner.run_file(&mut loaded.sources, "case.yaml", case);
    let diagnostics = &results[0].diagnostics;
    assert_eq!(diagnostics.len(), n);
    for (i, d) in diagnostics.iter().enumerate() {
        let json = diagnostic_json(d, &loaded.sources, zhengce::lang::Lang::En);
        assert_eq!(json["code"], format!("c{i}"));
        assert_eq!(
            (&json["file"], &json["line"]),
            (&"case.yaml".into(), &3.into()),
            "{json}"
        );
    }
}

/// 4,000 rules, every one declared twice (8,000 in all): each duplicate is reported
/// once, with the place of the first, and drawn with the lines of both.
#[test]
fn many_duplicate_rules_are_each_reported_and_drawn() {
    let n = 4_000;
    let text = checks(n) + &checks(n).replace("policy \"p\" {}\ncase { b: bool? \"b\" }\n", "");
    let loaded = load("duplicates", &text);
    assert!(loaded.program.is_none());
    let duplicates: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == zhengce::diagnostic::Code::DuplicateRule)
        .collect();
    assert_eq!(duplicates.len(), n);
    // Each rule takes two lines, after the two of the header.
    for (i, d) in duplicates.iter().enumerate().step_by(499) {
        let drawn = render_diagnostic(d, &loaded.sources, DRAW);
        let (first, again) = (3 + 2 * i, 3 + 2 * (n + i));
        assert!(drawn.contains(&format!("duplicates.policy:{again}:7")), "{drawn}");
        assert!(drawn.contains(&format!(" {first} │ check c{i} ")), "{drawn}");
    }
}

/// A file of 8,000 cases, a diagnostic in each: each is placed on its own line.
#[test]
fn a_diagnostic_in_each_of_many_cases_is_placed_and_drawn() {
    let n = 8_000;
    let case = |i: usize| {
        format!(
            "id: c{i}\nas_of: 2025-09-15\nperson: {{ gender: male, birth_date: 1980-05-20 }}\n\
             employment: {{ status: unemployed }}\ncertification: {{ certified_on: 2025-03-26 }}\n"
        )
    };
    let text = (0..n).map(case).collect::<Vec<_>>().join("---\n");
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let Some(program) = loaded.program.take() else {
        panic!("the built-in policy checks")
    };
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "cases.yaml", &text);
    assert_eq!(results.len(), n);
    for (i, result) in results.iter().enumerate() {
        let placed: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.span.is_some())
            .map(|d| diagnostic_json(d, &loaded.sources, zhengce::lang::Lang::En)["line"].clone())
            .collect();
        // Each case takes five lines and a `---`; the diagnostic (no assessment, a
        // record the case leaves out) is at its first line.
        assert_eq!(placed, [serde_json::json!(6 * i + 1)], "case {i}");
    }
    for result in results.iter().step_by(799) {
        for (d, span) in result.diagnostics.iter().filter_map(|d| d.span.map(|s| (d, s))) {
            let line = loaded.sources.line_col(span).line;
            let drawn = render_diagnostic(d, &loaded.sources, DRAW);
            assert!(drawn.contains(&format!("cases.yaml:{line}:")), "{drawn}");
        }
    }
}

/// A case block of 8,000 fields, read by a check each, and a case giving all of them:
/// the fields are grouped by name, the checker resolves each name and the loader
/// each key through the record's index (each was a search of every field).
#[test]
fn a_case_of_many_fields_checks_and_loads() {
    let n = 8_000;
    let fields: String = (0..n).map(|i| format!("  f{i}: int? \"f\"\n")).collect();
    let checks: String = (0..n)
        .step_by(7)
        .map(|i| format!("check c{i} cites \"x\" \"x\" {{ when f{i} == {i}\n  severity warning }}\n"))
        .collect();
    let text = format!("policy \"p\" {{}}\ncase {{\n{fields}  f7: int? \"again\"\n}}\n{checks}");
    let loaded = load("duplicate_field", &text);
    let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.message.en()).collect();
    assert_eq!(messages, ["case field `f7` is declared twice"]);
    let mut loaded = load("fields", &text.replace("  f7: int? \"again\"\n", ""));
    let Some(program) = loaded.program.take() else {
        panic!("{:?}", loaded.diagnostics.first())
    };
    let values: String = (0..n).map(|i| format!("f{i}: {i}\n")).collect();
    let case = format!("id: x\nas_of: 2025-09-01\n{values}");
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "case.yaml", &case);
    let lines: Vec<usize> = results[0]
        .diagnostics
        .iter()
        .filter_map(|d| d.span.map(|s| loaded.sources.line_col(s).line))
        .collect();
    // Each check holds, and points at its own field: `f{i}` is on line i + 3.
    let expected: Vec<usize> = (0..n).step_by(7).map(|i| i + 3).collect();
    assert_eq!(lines, expected);
}
