//! Chinese input read as a policy staff member writes it: enum values as their Chinese
//! labels (case files, `expect`, the REPL), and full-width punctuation in case files,
//! each read as its ASCII form with a warning naming the line. Nothing is guessed: a
//! label two values share, or a value near no label, is still an error.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs zhengce in English (stdin given), returning stdout + stderr and the exit code.
fn zhengce(args: &[&str], stdin: &str) -> (String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "en")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (text, out.status.code())
}

const CASE: &str = "id: labels
as_of: 2025-09-01
person: { gender: GENDER, birth_date: 1975-03-10 }
registration: { unemployed_since: 2025-01-10 }
employment: { status: 失业 }
assessment: { employability: 就业能力弱, living_difficulty: true }
";

#[test]
fn enum_values_may_be_written_as_their_chinese_labels() {
    let by_label = CASE.replace("GENDER", "男");
    let by_name = CASE
        .replace("GENDER", "male")
        .replace("失业", "unemployed")
        .replace("就业能力弱", "weak");
    let (labelled, code) = zhengce(&["eval", "--format", "json", "-"], &by_label);
    assert_eq!(code, Some(0), "{labelled}");
    let (named, _) = zhengce(&["eval", "--format", "json", "-"], &by_name);
    assert_eq!(labelled, named);
    assert!(labelled.contains("\"tier\":3"), "{labelled}");
}

#[test]
fn a_word_that_is_no_label_is_still_an_error() {
    let case = CASE.replace("GENDER", "男性");
    let (out, code) = zhengce(&["eval", "-"], &case);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("`男性` is not one of its values"), "{out}");
}

#[test]
fn expectations_and_repl_edits_read_labels_too() {
    let case = format!(
        "{}expect: {{ eligible: true, deadlines: [{{ step: investigate, status: 办理中 }}] }}\n\
         application: {{ applied_on: 2025-08-25, accepted_on: 2025-08-28 }}\n",
        CASE.replace("GENDER", "男")
    );
    let (out, code) = zhengce(&["test", "-"], &case);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 passed, 0 failed"), "{out}");
    let wrong = case.replace("办理中", "按时完成");
    let (out, code) = zhengce(&["test", "-"], &wrong);
    assert_eq!(code, Some(1), "{out}");
    let (out, code) = zhengce(
        &["repl", "examples/cases/li-qiang.yaml"],
        "set person.gender = 女\nperson.gender\n",
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("female"), "{out}");
}

#[test]
fn full_width_punctuation_is_read_as_ascii_with_a_warning_naming_the_line() {
    let ascii = "id: fw
as_of: 2025-09-01
person:
  gender: male
  birth_date: 1975-03-10
  dibao: true
  provincial_designation: 说明：保留，原样
registration: {unemployed_since: 2025-01-10}
employment: { status: unemployed }
services: [{date: 2025-03-01, kind: job_referral}, {date: 2025-04-01, kind: training}]
";
    let full_width = "id: fw
as_of: 2025-09-01
person:
　　gender：male
  birth_date： 1975-03-10
  dibao：　true
  provincial_designation: 说明：保留，原样
registration: {unemployed_since：2025-01-10}
employment: { status: unemployed }
services: [{date：2025-03-01，kind: job_referral}，{date: 2025-04-01, kind： training}]
";
    let record = |text: &str| {
        let (out, code) = zhengce(&["eval", "--format", "json", "-"], text);
        assert_eq!(code, Some(0), "{out}");
        let json: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        json
    };
    let (plain, read) = (record(ascii), record(full_width));
    let warned: Vec<u64> = read["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "full_width_punctuation")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(warned, [4, 5, 6, 8, 10]);
    // Apart from those warnings, the same decision, and the text value kept as written.
    let strip = |mut j: serde_json::Value| {
        let diagnostics = j["diagnostics"].as_array_mut().unwrap();
        diagnostics.retain(|d| d["code"] != "full_width_punctuation");
        j
    };
    assert_eq!(strip(read), plain);
}

#[test]
fn yes_and_no_may_be_written_as_shi_and_fou() {
    let written = CASE
        .replace("GENDER", "男")
        .replace("living_difficulty: true", "living_difficulty: 是");
    let plain = CASE.replace("GENDER", "男");
    let (a, code) = zhengce(&["eval", "--format", "json", "-"], &written);
    assert_eq!(code, Some(0), "{a}");
    let (b, _) = zhengce(&["eval", "--format", "json", "-"], &plain);
    assert_eq!(a, b);
    // In `expect` and in the REPL too.
    let (out, code) = zhengce(&["test", "-"], &format!("{plain}expect: {{ eligible: 是 }}\n"));
    assert_eq!(code, Some(0), "{out}");
    let (out, code) = zhengce(&["test", "-"], &format!("{plain}expect: {{ eligible: 否 }}\n"));
    assert_eq!(code, Some(1), "{out}");
    let (out, code) = zhengce(
        &["repl", "examples/cases/li-qiang.yaml"],
        "set person.dibao = 是\nperson.dibao\n",
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("yes") || l.starts_with("true")),
        "{out}"
    );
    // Other words are still refused.
    let (out, code) = zhengce(
        &["eval", "-"],
        &CASE
            .replace("GENDER", "男")
            .replace("living_difficulty: true", "living_difficulty: 对"),
    );
    assert_eq!(code, Some(1), "{out}");
}
