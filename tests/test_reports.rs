//! `zhengce test` reports: JUnit XML that a JUnit consumer reads, JSON, and coverage
//! with a minimum that fails the run.

mod scratch;

use scratch::Scratch;
use std::process::Command;

fn zhengce(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "en")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A folder of the test's own.
fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("reports-{name}"))
}

#[test]
fn junit_output_is_xml_that_a_consumer_reads() {
    let dir = temp("junit");
    let failing = dir.join("failing.yaml");
    std::fs::write(
        &failing,
        "id: wrong & <odd>\nas_of: 2025-09-01\nexpect: { categories: [6] }\nperson: { gender: male, birth_date: 1975-03-10 }\n\
         registration: { unemployed_since: 2025-01-10 }\nemployment: { status: unemployed }\n",
    )
    .unwrap();
    let junit = dir.join("junit.xml");
    let out = zhengce(&[
        "test",
        "--junit",
        junit.to_str().unwrap(),
        "tests/cases/eligibility/cat3-dibao",
        failing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), 5, "one suite per case file");
    let cases: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(root.attribute("tests"), Some(cases.len().to_string().as_str()));
    assert_eq!(root.attribute("failures"), Some("1"));
    let failed = cases
        .iter()
        .find(|c| c.attribute("name") == Some("wrong & <odd>"))
        .expect("the failing case");
    let failure = failed
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure element");
    assert_eq!(
        failure.attribute("message"),
        Some("`categories`: expected [6], got [1]")
    );
    let passed = cases.iter().filter(|c| !c.children().any(|n| n.is_element())).count();
    assert_eq!(passed, cases.len() - 1);
}

#[test]
fn json_report_lists_every_case() {
    let out = zhengce(&["test", "--format", "json", "tests/cases/eligibility/cat3-dibao"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases = report["cases"].as_array().unwrap();
    assert_eq!(report["passed"], cases.len());
    assert!(cases.iter().all(|c| c["result"] == "passed"));
}

#[test]
fn coverage_is_complete_on_the_suite_and_the_minimum_fails_a_partial_one() {
    let full = zhengce(&["test", "--coverage", "--coverage-min", "100", "tests/cases"]);
    let text = String::from_utf8_lossy(&full.stdout);
    assert!(full.status.success(), "{text}");
    assert!(text.contains("coverage: rules 100.0%"), "{text}");
    // One folder alone leaves rules unexercised: the minimum fails the run.
    let partial = zhengce(&["test", "--coverage-min", "100", "tests/cases/eligibility"]);
    let text = String::from_utf8_lossy(&partial.stdout);
    assert_eq!(partial.status.code(), Some(1), "{text}");
    assert!(text.contains("is below the minimum 100%"), "{text}");
    assert!(text.contains("never holds: 五（七）"), "{text}");
}

/// `diagnostics_absent` (issue 12): a case passes only when none of the codes listed is
/// raised; one that is raised fails the case, named in the policy's words.
#[test]
fn an_expectation_may_require_a_diagnostic_to_be_absent() {
    let dir = temp("absent");
    let case = |id: &str, designation: &str| {
        format!(
            "id: {id}\nas_of: 2025-09-15\nexpect:\n  diagnostics_absent: [provincial_designation_to_verify, employment_since_missing]\n\
             person: {{ gender: male, birth_date: 1995-06-10, provincial_designation: \"{designation}\" }}\n\
             registration: {{ unemployed_since: 2025-09-15 }}\nemployment: {{ status: unemployed }}\n"
        )
    };
    std::fs::write(dir.join("blank.yaml"), case("blank", " ")).unwrap();
    let out = zhengce(&["test", "--lang", "en", &dir.join("blank.yaml").to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    std::fs::write(dir.join("named.yaml"), case("named", "湘政发示例")).unwrap();
    let out = zhengce(&["test", "--lang", "en", &dir.join("named.yaml").to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("diagnostics that must be absent (`diagnostics_absent`): raised all the same: `provincial_designation_to_verify`"),
        "{text}"
    );
    let out = zhengce(&["test", "--lang", "zh", &dir.join("named.yaml").to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("不应出现的诊断（`diagnostics_absent`）：仍然出现了 `provincial_designation_to_verify`"),
        "{text}"
    );
    let out = zhengce(&[
        "test",
        "--lang",
        "en",
        "--format",
        "json",
        &dir.join("named.yaml").to_string_lossy(),
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let difference = &report["cases"][0]["differences"][0];
    assert_eq!(difference["key"], "diagnostics_absent");
    assert_eq!(
        difference["actual"],
        serde_json::json!(["provincial_designation_to_verify"])
    );
}

/// A code in `diagnostics` or `diagnostics_absent` that no diagnostic has is an error
/// with the likely code: a typo must not make an expectation that cannot fail.
#[test]
fn an_unknown_code_in_an_expectation_is_an_error() {
    let dir = temp("unknown-code");
    let case = "id: typo\nas_of: 2025-09-15\nexpect:\n  diagnostics_absent: [provincial_designation_to_verfy]\n\
                person: { gender: male, birth_date: 1995-06-10 }\nregistration: { unemployed_since: 2025-09-15 }\n\
                employment: { status: unemployed }\n";
    std::fs::write(dir.join("typo.yaml"), case).unwrap();
    let out = zhengce(&["test", "--lang", "en", &dir.join("typo.yaml").to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("`provincial_designation_to_verfy` is not a diagnostic code; did you mean `provincial_designation_to_verify`?"),
        "{text}"
    );
}
