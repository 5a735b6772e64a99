//! Amendments and dates: which version of a policy applies on a date, `replace`,
//! `repeal`, `until`, and the validity period of the header (有效期).

mod scratch;

use scratch::Scratch;
use zhengce::diagnostic::Code;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{RenderOptions, decision_json};
use zhengce::run::{MissingDate, Runner};

const BASE: &str = r#"policy "base" { effective 2025-01-01 valid_for 5 years }
case { x: int = 0 "x" }
param threshold "门槛" = 10
category 1 cites "一" "x 不少于门槛" { when x >= threshold }
category 2 cites "二" "x 为零" { when x == 0 }
"#;

const AMENDMENT: &str = r#"policy "amendment" {
  effective 2026-01-01
  until 2027-01-01
  amends "base.policy"
}
replace param threshold "门槛" cites "一" "门槛降为5" = 5
repeal category 2 cites "二" "删去第二类"
category 3 cites "三" "x 超过100" { when x > 100 }
"#;

fn load() -> LoadedPolicy {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("versions-{n}"));
    std::fs::write(dir.join("base.policy"), BASE).unwrap();
    std::fs::write(dir.join("amendment.policy"), AMENDMENT).unwrap();
    load_policy(&dir.join("amendment.policy").to_string_lossy(), PolicySource::Disk)
}

fn decide(as_of: &str, x: i64) -> serde_json::Value {
    let mut loaded = load();
    let versions = std::mem::take(&mut loaded.versions);
    assert_eq!(versions.len(), 2, "{:#?}", loaded.diagnostics);
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let case = format!("id: c\nas_of: {as_of}\nx: {x}\n");
    let results = runner.run_file(&mut loaded.sources, "c.yaml", &case);
    let r = &results[0];
    decision_json(r, &versions[r.version], &loaded.sources, &RenderOptions::default())
}

#[test]
fn the_version_in_force_on_the_date_applies() {
    // Before the amendment: threshold 10, category 2 exists.
    let before = decide("2025-12-31", 7);
    assert_eq!(before["categories"], serde_json::json!([]));
    assert_eq!(before["documents"], serde_json::json!(["base"]));
    // From its effective date: threshold 5.
    let on = decide("2026-01-01", 7);
    assert_eq!(on["categories"], serde_json::json!([1]));
    assert_eq!(on["documents"], serde_json::json!(["base", "amendment"]));
    // On its `until` date the base applies again.
    let after = decide("2027-01-01", 7);
    assert_eq!(after["categories"], serde_json::json!([]));
}

#[test]
fn repealed_rules_are_gone_and_added_rules_apply_only_in_the_amended_version() {
    assert_eq!(decide("2025-06-01", 0)["categories"], serde_json::json!([2]));
    assert_eq!(decide("2026-06-01", 0)["categories"], serde_json::json!([]));
    assert_eq!(decide("2026-06-01", 101)["categories"], serde_json::json!([1, 3]));
    assert_eq!(decide("2025-06-01", 101)["categories"], serde_json::json!([1]));
}

#[test]
fn the_validity_period_of_the_header_is_checked() {
    let expired = decide("2030-01-01", 0);
    let codes: Vec<&str> = expired["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["policy_not_in_force"]);
    assert!(
        expired["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2030-01-01")
    );
    let in_force = decide("2029-12-31", 0);
    assert_eq!(in_force["diagnostics"], serde_json::json!([]));
    let early = decide("2024-12-31", 0);
    assert_eq!(early["diagnostics"][0]["code"], "policy_not_in_force");
}

#[test]
fn replacing_something_the_policy_does_not_have_is_an_error() {
    let dir = Scratch::new("versions-bad");
    std::fs::write(dir.join("base.policy"), BASE).unwrap();
    let bad = AMENDMENT
        .replace("replace param threshold", "replace param treshold")
        .replace("repeal category 2", "repeal category 9");
    std::fs::write(dir.join("amendment.policy"), bad).unwrap();
    let loaded = load_policy(&dir.join("amendment.policy").to_string_lossy(), PolicySource::Disk);
    let messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownName)
        .map(|d| d.message.en())
        .collect();
    assert_eq!(
        messages,
        ["there is no `treshold` to replace", "there is no category 9 to repeal"]
    );
    assert!(loaded.program.is_none());
}
