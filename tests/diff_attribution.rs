//! `diff` blames a rule only where its outcome changed in both versions' terms (issue
//! 12): a rule that one version has and the other does not counts as not holding
//! there, so it is listed, as added or repealed, only for the cases where it holds.

use std::path::Path;
use std::process::Command;

mod scratch;
mod support;
use scratch::Scratch;
use support::zhengce_binary_en as zhengce;

/// An amendment in force from 2027-01-01 that repeals 一（七） and adds a category 8.
fn amendment(dir: &Path) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/hunan/2025-employment-assistance.policy");
    let text = format!(
        "policy \"repeal-and-add\" {{\n  effective 2027-01-01\n  amends \"{}\"\n}}\n\
         repeal category 7 cites \"一（七）\" \"废止\"\n\
         category 8 cites \"一（八）\" \"退役军人\" {{ when person.veteran and registered_unemployed }}\n",
        base.display()
    );
    let path = dir.join("amendment.policy");
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const CASES: &str = "\
id: designated
person: { gender: male, birth_date: 1995-06-10, provincial_designation: 示例类别 }
registration: { unemployed_since: 2026-09-15 }
employment: { status: unemployed }
---
id: veteran
person: { gender: male, birth_date: 1995-06-10, veteran: true }
registration: { unemployed_since: 2026-09-15 }
employment: { status: unemployed }
---
id: neither
person: { gender: male, birth_date: 1995-06-10 }
registration: { unemployed_since: 2026-09-15 }
employment: { status: unemployed }
---
id: older
person: { gender: male, birth_date: 1970-06-10 }
registration: { unemployed_since: 2025-09-15 }
employment: { status: unemployed }
";

#[test]
fn a_repealed_or_added_rule_is_blamed_only_where_it_holds() {
    let dir = Scratch::new("diff-blame");
    let policy = amendment(&dir);
    let cases = dir.join("cases.yaml");
    std::fs::write(&cases, CASES).unwrap();
    let (before, after) = (format!("{policy}@2026-12-31"), format!("{policy}@2027-01-01"));
    let (code, out, err) = zhengce(&["diff", "--format", "json", &before, &after, &cases.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let changed: Vec<(String, Vec<(String, String)>)> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let rules = c["rules"].as_array().unwrap().iter();
            let rules = rules.map(|r| {
                (
                    r["rule"].as_str().unwrap().to_string(),
                    r["change"].as_str().unwrap().to_string(),
                )
            });
            (c["case"].as_str().unwrap().to_string(), rules.collect())
        })
        .collect();
    assert_eq!(
        changed,
        [
            (
                "designated".to_string(),
                vec![("一（七）".to_string(), "repealed".to_string())]
            ),
            // Eligible now, so referred to veterans' affairs: a real change of that rule.
            (
                "veteran".to_string(),
                vec![
                    ("六 veterans_affairs".to_string(), "changed".to_string()),
                    ("一（八） [repeal-and-add]".to_string(), "added".to_string())
                ]
            ),
        ],
        "{out}"
    );
    assert_eq!(report["summary"]["changed"], 2);
    // In words: each rule once in the summary, marked.
    let (_, text, _) = zhengce(&["diff", &before, &after, &cases.to_string_lossy()]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("一（七） (repealed) 1, 一（八） [repeal-and-add] (added) 1, 六 veterans_affairs 1"),
        "{text}"
    );
    assert_eq!(text.matches("(repealed)").count(), 2, "{text}");
    let (_, text, _) = zhengce(&["diff", "--lang", "zh", &before, &after, &cases.to_string_lossy()]);
    assert!(text.contains("一（七）（已废止）"), "{text}");
}

/// The example amendment of 2028 (examples/revision): it repeals 一（七） with its warning,
/// definition and case field, replaces an enum and adds a category; it checks with
/// `--strict`, its cases pass either side of its date, and `diff` blames exactly the
/// rules it changed.
#[test]
fn the_2028_example_amendment_checks_strictly_and_is_blamed_right() {
    let policy = "examples/revision/hunan-2028-amendment.policy";
    let (code, _, err) = zhengce(&["check", "--strict", policy]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = zhengce(&["test", "--policy", policy, "examples/revision/cases-2028"]);
    assert_eq!(code, 0, "{out}{err}");
    let (before, after) = (format!("{policy}@2027-12-31"), format!("{policy}@2028-01-01"));
    let (code, out, err) = zhengce(&[
        "diff",
        "--format",
        "json",
        &before,
        &after,
        "examples/revision/cases-2028",
    ]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let by_rule = report["summary"]["by_rule"].as_object().unwrap();
    let mut blamed: Vec<(&str, u64)> = by_rule.iter().map(|(k, v)| (k.as_str(), v.as_u64().unwrap())).collect();
    blamed.sort();
    assert_eq!(
        blamed,
        [
            ("一（七）", 2),
            ("一（八） [hunan-2028-amendment-example]", 2),
            // Its time replaced, the rule itself is the base's.
            ("二 publicity", 2),
            // Eligible as a veteran from 2028: referred to veterans' affairs.
            ("六 veterans_affairs", 2),
        ],
        "{out}"
    );
    assert_eq!(report["summary"]["changed"], 6);
}

/// Cases on standard input are read once, for both sides: the same changes as from the
/// file.
#[test]
fn diff_reads_standard_input_once_for_both_sides() {
    use std::io::Write;
    let file = "examples/cases/li-qiang.yaml";
    let args = ["diff", "--format", "json", "builtin@2025-09-01", "builtin@2026-09-01"];
    let (_, from_file, _) = zhengce(&[&args[..], &[file]].concat());
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .arg("-")
        .env("ZHENGCE_LANG", "en")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(file).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let from_stdin = String::from_utf8(out.stdout).unwrap();
    let changed = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["summary"]["changed"].clone();
    assert_eq!(changed(&from_file), serde_json::json!(1), "{from_file}");
    assert_eq!(changed(&from_stdin), changed(&from_file), "{from_stdin}");
}
