//! Tables by date (`table … by date { from DATE => { … } }`, issue 12): the row in force
//! on a date, absent before the first row; rows out of order and rows of the wrong
//! kind are located errors; the explanation names the row used.

mod scratch;

use scratch::Scratch;
use zhengce::diagnostic::{Code, Diagnostic};
use zhengce::lang::Lang;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{RenderOptions, decision_json, render_text};
use zhengce::run::{MissingDate, Runner};

/// A schedule like 浙江's: women qualify from 45 until 2027-12-31, 46 from 2028-01-01,
/// 47 from 2031-01-01; nobody before 2020-01-01.
const POLICY: &str = r#"policy "date-tables" {}
case { age: int "年龄" en "age" }
table women_age "女性年龄条件" en "women's age condition" by date {
  from 2020-01-01 => { min_age: 45, stage: "起始" },
  from 2028-01-01 => { min_age: 46, stage: "第一次提高" },
  from 2031-01-01 => { min_age: 47, stage: "第二次提高" },
}
define threshold "年龄下限" en "age threshold" = women_age[as_of].min_age
category 1 cites "一" "达到年龄下限的女性" { when age >= threshold }
decision { threshold = threshold  stage = women_age[as_of].stage ?? "无" }
"#;

fn load(text: &str) -> LoadedPolicy {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("date-tables-{n}"));
    std::fs::write(dir.join("p.policy"), text).unwrap();
    load_policy(&dir.join("p.policy").to_string_lossy(), PolicySource::Disk)
}

fn run(as_of: &str, age: i64, lang: Lang) -> (serde_json::Value, String) {
    let mut loaded = load(POLICY);
    let program = loaded
        .program
        .take()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(
        &mut loaded.sources,
        "c.yaml",
        format!("id: c\nas_of: {as_of}\nage: {age}\n"),
    );
    let options = RenderOptions {
        lang,
        explain: zhengce::report::Explain::Full,
        ..RenderOptions::default()
    };
    (
        decision_json(&results[0], &program, &loaded.sources, &options),
        render_text(&results[0], &program, &loaded.sources, &options),
    )
}

#[test]
fn the_row_in_force_on_the_date_is_used_on_each_side_of_each_boundary() {
    for (as_of, threshold) in [
        ("2019-12-31", serde_json::Value::Null),
        ("2020-01-01", 45.into()),
        ("2027-12-31", 45.into()),
        ("2028-01-01", 46.into()),
        ("2028-01-02", 46.into()),
        ("2030-12-31", 46.into()),
        ("2031-01-01", 47.into()),
        ("2031-01-02", 47.into()),
        ("9999-12-31", 47.into()),
    ] {
        let (json, _) = run(as_of, 46, Lang::Zh);
        assert_eq!(json["threshold"], threshold, "{as_of}");
    }
    // A 46-year-old woman qualifies on the last day of 45 and the first day of 46, not
    // on the first day of 47.
    assert_eq!(run("2027-12-31", 46, Lang::Zh).0["categories"], serde_json::json!([1]));
    assert_eq!(run("2028-01-01", 46, Lang::Zh).0["categories"], serde_json::json!([1]));
    assert_eq!(run("2031-01-01", 46, Lang::Zh).0["categories"], serde_json::json!([]));
    assert_eq!(run("2028-01-01", 45, Lang::Zh).0["categories"], serde_json::json!([]));
}

#[test]
fn before_the_first_row_no_row_is_in_force() {
    let (json, _) = run("2019-12-31", 99, Lang::Zh);
    assert_eq!(json["threshold"], serde_json::Value::Null);
    assert_eq!(json["stage"], "无");
    assert_eq!(json["categories"], serde_json::json!([]));
}

#[test]
fn the_explanation_names_the_row_used_in_words() {
    let (json, zh) = run("2028-01-01", 46, Lang::Zh);
    assert_eq!(
        json["trace"][0],
        "一 成立：年龄 46 ≥ 年龄下限 46（女性年龄条件自2028-01-01起的一行） ✓"
    );
    assert!(zh.contains("年龄下限 46（女性年龄条件自2028-01-01起的一行）"), "{zh}");
    let (_, en) = run("2027-12-31", 44, Lang::En);
    assert!(
        en.contains("age threshold 45 (row of “women's age condition” from 2020-01-01)"),
        "{en}"
    );
    assert!(!en.contains("women_age") && !en.contains("as_of"), "{en}");
}

fn errors(text: &str) -> Vec<Diagnostic> {
    let loaded = load(text);
    assert!(loaded.program.is_none());
    loaded.diagnostics.into_iter().filter(Diagnostic::is_error).collect()
}

fn underlined(text: &str, d: &Diagnostic) -> String {
    let span = d.span.unwrap_or_else(|| panic!("no place: {d:?}"));
    text[span.start as usize..span.end as usize].to_string()
}

#[test]
fn rows_out_of_order_are_a_located_error_with_a_hint() {
    let text = "policy \"t\" {}\ntable t \"t\" by date {\n  from 2028-01-01 => { v: 1 },\n  from 2028-01-01 => { v: 2 },\n  from 2027-06-01 => { v: 3 },\n}\n";
    let errors = errors(text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for d in &errors {
        assert_eq!(d.code, Code::BadTable);
        assert!(d.help.is_some());
    }
    assert_eq!(underlined(text, &errors[0]), "2028-01-01");
    assert_eq!(underlined(text, &errors[1]), "2027-06-01");
    assert!(
        errors[1]
            .message
            .en()
            .contains("the row from 2027-06-01 is not later than the row before it (from 2028-01-01)")
    );
}

#[test]
fn rows_of_the_wrong_kind_and_keys_of_the_wrong_type_are_errors() {
    let text = "policy \"t\" {}\nenum G \"g\" { a \"a\" }\ntable t \"t\" by date { from 2025-01-01 => { v: 1 }, a => { v: 2 } }\ntable u \"u\" by G { a => { v: 1 }, from 2025-01-01 => { v: 2 } }\ntable w \"w\" by date { from 2025-01-01 => { v: 1 }, from 2026-01-01 => { v: true } }\ntable e \"e\" by date { }\ndefine x \"x\" = w[G::a].v\n";
    let errors = errors(text);
    let got: Vec<(Code, String)> = errors.iter().map(|d| (d.code.clone(), underlined(text, d))).collect();
    assert!(got.contains(&(Code::BadTable, "a".into())), "{got:?}");
    assert!(got.contains(&(Code::BadTable, "2025-01-01".into())), "{got:?}");
    assert!(
        got.contains(&(Code::BadTable, "from 2026-01-01 => { v: true }".into())),
        "{got:?}"
    );
    assert!(got.contains(&(Code::BadTable, "e".into())), "{got:?}");
    assert!(got.contains(&(Code::TypeMismatch, "G::a".into())), "{got:?}");
}

#[test]
fn a_lookup_counts_the_dates_it_compares() {
    let loaded = load(POLICY);
    let program = loaded.program.unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let table = &program.tables[0];
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(table.row_on(day("2019-12-31")), (None, 2));
    assert_eq!(table.row_on(day("2020-01-01")), (Some(0), 2));
    assert_eq!(table.row_on(day("2031-01-01")), (Some(2), 2));
}

/// The steps of one evaluation of a policy whose table has `rows` rows, a year apart.
fn steps_with_rows(rows: usize) -> u64 {
    let body: Vec<String> = (0..rows)
        .map(|i| format!("from {:04}-01-01 => {{ min_age: 45, stage: \"s\" }}", 1000 + i))
        .collect();
    let text = POLICY.replace(
        &POLICY[POLICY.find("  from 2020").unwrap()..POLICY.find("}\ndefine").unwrap()],
        &format!("  {}\n", body.join(",\n  ")),
    );
    let mut loaded = load(&text);
    let program = loaded
        .program
        .take()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", "id: c\nas_of: 2028-01-01\nage: 50\n");
    results[0]
        .decision
        .as_ref()
        .map(|d| d.steps)
        .unwrap_or_else(|| panic!("{:#?}", results[0].diagnostics))
}

#[test]
fn a_lookup_takes_a_step_for_each_date_it_compares() {
    // Two lookups (the threshold, the stage), of 11 comparisons among 1,024 rows and
    // of 2 among 3: 2 × 9 steps more.
    assert_eq!(steps_with_rows(1024) - steps_with_rows(3), 18);
}

/// A table found wrong is reported once, where it is declared, however many places use
/// it.
#[test]
fn a_wrong_table_is_reported_once_for_all_its_uses() {
    let policy = "policy \"t\" {}\ncase { person \"p\" { born: date \"出生\" } }\n\
                  table sched \"安排\" by date {\n  from 2028-01-01 => { lowest: 46 },\n  from 2025-01-01 => { lowest: 45 },\n}\n\
                  define a \"a\" = sched[as_of].lowest\ndefine b \"b\" = sched[person.born].lowest\n\
                  category 1 cites \"一\" \"t\" { when a > 1 and b > 1 and sched[as_of].lowest > 1 }\n";
    let loaded = load(policy);
    let bad: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.code == Code::BadTable).collect();
    assert_eq!(bad.len(), 1, "{:#?}", loaded.diagnostics);
    assert_eq!(
        loaded.diagnostics.iter().filter(|d| d.is_error()).count(),
        1,
        "{:#?}",
        loaded.diagnostics
    );
}
