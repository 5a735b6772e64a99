//! Inputs that once lost data or memory (issue 9, D1 and D3): bytes that are not UTF-8
//! cost only the case they are in; devices, pipes and oversized files are refused
//! before they are read, each with a located diagnostic; the rest of a batch goes on.
//! The command line runs in-process, on captured output.

use serde_json::Value;

mod scratch;
mod support;
use scratch::Scratch;
use support::zhengce;

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record per line"))
        .collect()
}

/// A scratch folder for one test.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("input-{name}"))
}

fn case(i: usize) -> String {
    format!(
        "id: c{i}\nas_of: 2025-09-01\nperson: {{ gender: male, birth_date: 1975-03-10 }}\n\
         registration: {{ unemployed_since: 2025-01-10 }}\nemployment: {{ status: unemployed }}\n"
    )
}

fn diagnostic<'a>(record: &'a Value, code: &str) -> Option<&'a Value> {
    record["diagnostics"].as_array()?.iter().find(|d| d["code"] == code)
}

#[test]
fn a_line_of_bad_bytes_costs_only_its_own_case() {
    let dir = scratch("utf8");
    let mut bytes = Vec::new();
    let mut bad_line = 0;
    for i in 0..2000 {
        if i > 0 {
            bytes.extend_from_slice(b"---\n");
        }
        bytes.extend_from_slice(case(i).as_bytes());
        if i == 1234 {
            bad_line = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            bytes.extend_from_slice(b"note: \xff\xfe\x80 abc \xc3\x28\n");
        }
    }
    let path = dir.join("batch.yaml");
    std::fs::write(&path, &bytes).expect("written");
    let (code, out, _) = zhengce(&["eval", "--format", "json", path.to_str().expect("a path")]);
    let all = records(&out);
    assert_eq!(all.len(), 2000, "one record per case");
    assert_eq!(code, 1, "a case could not be evaluated");
    let errors: Vec<&Value> = all.iter().filter(|r| r["status"] == "error").collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["case"], "c1234", "the id is still read");
    let d = diagnostic(errors[0], "invalid_utf8").expect("an invalid_utf8 diagnostic");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(bad_line as u64), Some(7))
    );
    assert!(
        all.iter().enumerate().all(|(i, r)| r["case"] == format!("c{i}")),
        "in input order"
    );

    // The reproducer of the report: three cases, the middle one broken.
    let (_, out, _) = zhengce(&[
        "eval",
        "--format",
        "json",
        "tests/reliability/batch-01-invalid-utf8-swallows-file.yaml",
    ]);
    let statuses: Vec<Value> = records(&out).iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, ["ok", "error", "ok"]);
}

#[test]
fn a_policy_file_that_is_not_utf8_is_an_error_at_the_byte() {
    let dir = scratch("policy-utf8");
    let path = dir.join("p.policy");
    std::fs::write(&path, b"policy \"p\" {}\n// \xe5\xb9\xb4 \xff\n").expect("written");
    let (code, _, err) = zhengce(&["check", "--lang", "en", path.to_str().expect("a path")]);
    assert_eq!(code, 3);
    assert!(err.contains("invalid_utf8"), "{err}");
    assert!(
        err.contains("p.policy:2:") && err.contains("this byte"),
        "on line 2: {err}"
    );
}

#[test]
fn devices_and_oversized_policies_are_refused_where_they_are_named() {
    // `uses "/dev/zero"` once read without end.
    let (code, _, err) = zhengce(&["check", "--lang", "en", "tests/reliability/mem-uses-dev-zero.policy"]);
    assert_eq!(code, 3);
    assert!(err.contains("file_refused") && err.contains("a device"), "{err}");
    assert!(
        err.contains("mem-uses-dev-zero.policy:2:8"),
        "at the `uses` line: {err}"
    );

    let (code, _, err) = zhengce(&[
        "check",
        "--lang",
        "en",
        "--max-policy-bytes",
        "1000",
        "policies/hunan/2025-employment-assistance.policy",
    ]);
    assert_eq!(code, 3);
    assert!(err.contains("more than the limit of 1000"), "{err}");
    assert!(err.contains("--max-policy-bytes"), "the hint names the option: {err}");
}

#[test]
fn a_case_file_that_is_a_device_or_a_folder_link_is_refused_and_the_batch_goes_on() {
    let args = ["eval", "--format", "json", "/dev/zero", "examples/cases/li-qiang.yaml"];
    for (lang, said) in [
        ("en", "it is a device, not a regular file"),
        ("zh", "它是设备，不是普通文件"),
    ] {
        let (code, out, _) = zhengce(&[&args[..], &["--lang", lang]].concat());
        assert_eq!(code, 1);
        let both = records(&out);
        assert_eq!(both.len(), 2);
        assert_eq!(both[0]["status"], "error");
        let message = diagnostic(&both[0], "io")
            .and_then(|d| d["message"].as_str())
            .unwrap_or("");
        assert!(message.contains(said), "{message}");
        assert_eq!(both[1]["status"], "ok");
    }

    // A link from a folder to its parent is not followed for ever.
    let dir = scratch("loop");
    std::fs::write(dir.join("a.yaml"), case(1)).expect("written");
    std::os::unix::fs::symlink(&dir, dir.join("again")).expect("a link");
    let (_, out, _) = zhengce(&["eval", "--format", "json", dir.to_str().expect("a path")]);
    assert_eq!(records_of(&out), ["c1"]);
}

fn records_of(out: &str) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| r["case"].as_str().unwrap_or("null").to_string())
        .collect()
}

#[test]
fn a_case_larger_than_the_limit_is_one_error_record_and_the_next_is_read() {
    let dir = scratch("large");
    let mut text = case(1);
    text.push_str("---\n");
    text.push_str(&case(2));
    text.push_str("services:\n");
    for _ in 0..200 {
        text.push_str("  - { date: 2025-03-01, kind: job_posting }\n");
    }
    text.push_str("---\n");
    text.push_str(&case(3));
    let path = dir.join("large.yaml");
    std::fs::write(&path, &text).expect("written");
    let path = path.to_str().expect("a path");
    let (_, out, _) = zhengce(&["eval", "--format", "json", "--max-case-bytes", "2000", path]);
    assert_eq!(records_of(&out), ["c1", "null", "c3"]);
    let all = records(&out);
    let d = diagnostic(&all[1], "case_too_large").expect("case_too_large");
    assert_eq!(d["line"], 6, "at the case's `---` line");
    // Within the default limit, the same case is read.
    let (code, out, _) = zhengce(&["eval", "--format", "json", path]);
    assert_eq!(
        (code, records_of(&out)),
        (0, vec!["c1".into(), "c2".into(), "c3".into()])
    );
}
