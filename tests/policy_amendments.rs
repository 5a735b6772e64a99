//! What an amendment can change besides params, tables, definitions and rules (issue
//! 12): `replace enum` (new values, every use checked, cases read for each version),
//! `repeal define` and `repeal field` (a use left is a located error; a case that still
//! gives the field is warned), and `check --strict` clean after a rule's repeal.

mod scratch;

use scratch::Scratch;
use zhengce::diagnostic::{Code, Diagnostic, Severity};
use zhengce::lint::lint;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{RenderOptions, decision_json};
use zhengce::run::{MissingDate, Runner};

const BASE: &str = r#"policy "base" { effective 2025-01-01 }
enum Track "类别" en "track" { a "甲", b "乙", c "丙" }
case {
  person "个人" {
    track: Track "类别"
    designation: bool = false "省级认定"
    age: int "年龄"
  }
}
define designated "省级认定" = person.designation
define old "年长" = person.age >= 50
category 1 cites "一" "甲类人员" { when person.track is a }
category 2 cites "二" "省级认定的人员" { when designated }
category 3 cites "三" "年长的丙类人员" { when old and person.track is c }
decision { track = person.track }
"#;

const AMENDMENT: &str = r#"policy "amendment" {
  effective 2028-01-01
  amends "base.policy"
}
replace enum Track "类别" en "track" cites "一" "类别调整为甲类、丁类" { a "甲", d "丁" }
repeal category 2 cites "二" "删去第二类"
repeal define designated cites "二" "删去第二类"
repeal field person.designation cites "二" "删去第二类"
replace category 3 cites "三" "年长的丁类人员" { when old and person.track is d }
"#;

fn load(amendment: &str) -> LoadedPolicy {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("amend-{n}"));
    std::fs::write(dir.join("base.policy"), BASE).unwrap();
    std::fs::write(dir.join("amendment.policy"), amendment).unwrap();
    load_policy(&dir.join("amendment.policy").to_string_lossy(), PolicySource::Disk)
}

fn decide(as_of: &str, person: &str) -> serde_json::Value {
    let mut loaded = load(AMENDMENT);
    let versions = std::mem::take(&mut loaded.versions);
    assert_eq!(versions.len(), 2, "{:#?}", loaded.diagnostics);
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let case = format!("id: c\nas_of: {as_of}\nperson: {person}\n");
    let results = runner.run_file(&mut loaded.sources, "c.yaml", &case);
    let r = &results[0];
    decision_json(r, &versions[r.version], &loaded.sources, &RenderOptions::default())
}

fn codes(record: &serde_json::Value) -> Vec<(String, String)> {
    record["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_string(),
                        d["severity"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_replaced_enum_has_its_new_values_from_the_amendment_on() {
    // The day before: the base's values, `c` a value; `d` not yet.
    let before = decide("2027-12-31", "{ track: c, age: 60 }");
    assert_eq!(before["categories"], serde_json::json!([3]));
    assert_eq!(before["track"], "c");
    assert!(codes(&before).is_empty(), "{before:#}");
    // On the day: `d` is a value, `c` no longer.
    let on = decide("2028-01-01", "{ track: d, age: 60 }");
    assert_eq!(on["categories"], serde_json::json!([3]));
    assert_eq!(on["track"], "d");
    let after = decide("2028-01-02", "{ track: a, age: 10 }");
    assert_eq!(after["categories"], serde_json::json!([1]));
}

#[test]
fn a_value_the_version_in_force_lacks_is_not_given_with_a_warning() {
    let d_before = decide("2027-12-31", "{ track: d, age: 60 }");
    assert_eq!(d_before["categories"], serde_json::json!([]));
    assert_eq!(d_before["track"], serde_json::Value::Null);
    assert_eq!(codes(&d_before), [("value_not_in_force".into(), "warning".into())]);
    let help = d_before["diagnostics"][0]["help"].as_str().unwrap_or("");
    assert!(help.contains("`Track` 的值为 `a`、`b`、`c`"), "{d_before:#}");
    let c_on = decide("2028-01-01", "{ track: c, age: 60 }");
    assert_eq!(c_on["categories"], serde_json::json!([]));
    assert_eq!(codes(&c_on), [("value_not_in_force".into(), "warning".into())]);
    let line = c_on["diagnostics"][0]["line"].as_u64();
    assert_eq!(line, Some(3), "{c_on:#}");
    // A value no version has is an error, as before.
    let none = decide("2028-01-01", "{ track: zz, age: 60 }");
    assert_eq!(codes(&none)[0].0, "unknown_enum_value");
}

#[test]
fn a_repealed_rule_definition_and_field_are_gone_and_the_strict_check_passes() {
    let before = decide("2027-12-31", "{ track: b, age: 1, designation: true }");
    assert_eq!(before["categories"], serde_json::json!([2]));
    let on = decide("2028-01-01", "{ track: a, age: 1, designation: true }");
    assert_eq!(on["categories"], serde_json::json!([1]));
    // The case still gives the repealed field: a warning, not an error.
    assert!(
        codes(&on).contains(&("removed_field".into(), "warning".into())),
        "{on:#}"
    );
    // Without the field, no warning, and the field is not missing.
    let without = decide("2028-01-01", "{ track: a, age: 1 }");
    assert!(codes(&without).is_empty(), "{without:#}");
    // `check --strict`: nothing unused.
    let loaded = load(AMENDMENT);
    let program = loaded
        .program
        .as_ref()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let warnings = lint(program);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn the_warning_for_a_repealed_field_points_at_its_key_and_says_what_to_do() {
    let mut loaded = load(AMENDMENT);
    let versions = std::mem::take(&mut loaded.versions);
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let text = "id: c\nas_of: 2028-01-01\nperson:\n  track: a\n  age: 1\n  designation: true\n";
    let results = runner.run_file(&mut loaded.sources, "c.yaml", text);
    let d = results[0]
        .diagnostics
        .iter()
        .find(|d| d.code == Code::RemovedField)
        .unwrap_or_else(|| panic!("{:#?}", results[0].diagnostics));
    assert_eq!(d.severity, Severity::Warning);
    let span = d.span.expect("located");
    assert_eq!(&text[span.start as usize..span.end as usize], "designation");
    assert!(d.help.is_some());
    assert!(
        d.message
            .en()
            .contains("case field `person.designation` is repealed by `amendment`")
    );
    assert!(d.message.zh().contains("已被修订 `amendment` 废止"));
}

fn errors(amendment: &str) -> (LoadedPolicy, Vec<Diagnostic>) {
    let loaded = load(amendment);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    (loaded, errors)
}

fn underlined(loaded: &LoadedPolicy, d: &Diagnostic) -> String {
    let span = d.span.unwrap_or_else(|| panic!("no place: {d:?}"));
    loaded.sources.get(span.file).text[span.start as usize..span.end as usize].to_string()
}

#[test]
fn a_use_left_of_a_repealed_definition_or_field_is_a_located_error() {
    let text = r#"policy "amendment" { effective 2028-01-01 amends "base.policy" }
repeal define designated cites "二" "删去"
repeal field person.designation cites "二" "删去"
category 4 cites "四" "t" { when designated or person.designation }
"#;
    let (loaded, errors) = errors(text);
    let got: Vec<(Code, String)> = errors
        .iter()
        .map(|d| (d.code.clone(), underlined(&loaded, d)))
        .collect();
    // Category 2 of the base still uses the definition, and the definition the field.
    assert!(got.contains(&(Code::Repealed, "designated".into())), "{got:?}");
    assert!(got.contains(&(Code::Repealed, "designation".into())), "{got:?}");
    for d in &errors {
        assert!(d.help.is_some() && !d.related.is_empty(), "{d:#?}");
    }
    assert_eq!(errors.iter().filter(|d| d.code == Code::Repealed).count(), 3, "{got:?}");
}

#[test]
fn a_replaced_enum_checks_every_use_and_a_repeal_of_nothing_is_an_error() {
    let text = r#"policy "amendment" { effective 2028-01-01 amends "base.policy" }
replace enum Track "类别" cites "一" "t" { a "甲", d "丁" }
replace enum Nope "无" cites "一" "t" { x "x" }
replace enum Track "类别" { a "甲" }
repeal define nothing_here cites "二" "t"
repeal field person.designatoin cites "二" "t"
"#;
    let (loaded, errors) = errors(text);
    let got: Vec<(Code, String)> = errors
        .iter()
        .map(|d| (d.code.clone(), underlined(&loaded, d)))
        .collect();
    // Category 3 of the base tests for `c`, no longer a value.
    assert!(got.contains(&(Code::UnknownName, "c".into())), "{got:?}");
    assert!(got.contains(&(Code::UnknownName, "Nope".into())), "{got:?}");
    assert!(got.contains(&(Code::MissingCitation, "Track".into())), "{got:?}");
    assert!(got.contains(&(Code::UnknownName, "nothing_here".into())), "{got:?}");
    assert!(got.contains(&(Code::UnknownField, "designatoin".into())), "{got:?}");
    let typo = errors.iter().find(|d| d.code == Code::UnknownField).unwrap();
    assert!(typo.help.as_ref().unwrap().en().contains("designation"));
}

#[test]
fn the_strict_check_of_an_amendment_says_to_repeal_what_is_unused() {
    let text = r#"policy "amendment" { effective 2028-01-01 amends "base.policy" }
repeal category 2 cites "二" "删去"
"#;
    let loaded = load(text);
    let program = loaded
        .program
        .as_ref()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let helps: Vec<String> = lint(program).iter().map(|d| d.help.as_ref().unwrap().en()).collect();
    assert!(helps.contains(&"repeal it in the amendment with `repeal define designated cites \"…\"`, or use it in a rule or in the `decision` block".to_string()), "{helps:#?}");
    assert!(
        helps.contains(
            &"repeal it in the amendment with `repeal field person.designation cites \"…\"`, or use it in a rule"
                .to_string()
        ),
        "{helps:#?}"
    );
}
