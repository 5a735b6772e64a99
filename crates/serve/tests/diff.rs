//! `POST /v1/diff`: one case on two dates or two versions of an amended policy, and what
//! changed, as the REPL tells a what-if; and `GET /v1/policy` naming the versions.

mod support;

use support::Server;
use support::cases::*;

/// A man of 47, registered unemployed since 2026-04-10: 一（一） holds for him from
/// 2027-01-01, when the example revision lowers its age to 45.
const MAN_47: &str = r#"{"id":"rev-47","person":{"gender":"male","birth_date":"1979-06-01"},"registration":{"unemployed_since":"2026-04-10"},"employment":{"status":"unemployed"}}"#;

fn revision_server() -> Server {
    let policy = support::root().join("examples/revision/hunan-2027-revision.policy");
    Server::start(&["--policy", policy.to_str().unwrap()])
}

#[test]
fn two_dates_show_what_the_revision_changed_in_the_policys_words() {
    let server = revision_server();
    let r = server.post_json("/v1/diff?old_as_of=2026-12-31&new_as_of=2027-01-01", MAN_47.as_bytes());
    assert_eq!(r.status(), 200, "{}", r.text());
    let diff = r.json();
    assert_eq!(diff["case"], "rev-47");
    assert_eq!(diff["old"]["categories"], serde_json::json!([]));
    assert_eq!(diff["new"]["categories"], serde_json::json!([1]));
    assert_eq!(diff["new"]["documents"][1], "hunan-2027-revision-example");
    let changes: Vec<&str> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    // A rule of the amendment is named with it, as `zhengce diff` names it.
    let category = "认定类别 +一（一） [hunan-2027-revision-example]";
    for wanted in ["评估日 2026-12-31 → 2027-01-01", "就业困难人员 否 → 是", category] {
        assert!(changes.contains(&wanted), "{wanted}: {changes:?}");
    }
    let en = server.post_json(
        "/v1/diff?old_as_of=2026-12-31&new_as_of=2027-01-01&lang=en",
        MAN_47.as_bytes(),
    );
    let en = en.json();
    assert!(
        en["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().starts_with("categories")),
        "{en}"
    );
}

#[test]
fn two_versions_on_one_date_show_what_the_amendment_changes() {
    let server = revision_server();
    let path = "/v1/diff?old_version=hunan-2025-employment-assistance&new_version=hunan-2027-revision-example&old_as_of=2027-01-15&new_as_of=2027-01-15";
    let r = server.post_json(path, MAN_47.as_bytes());
    assert_eq!(r.status(), 200, "{}", r.text());
    let diff = r.json();
    assert_eq!(
        diff["old"]["documents"],
        serde_json::json!(["hunan-2025-employment-assistance"])
    );
    assert_eq!(diff["old"]["categories"], serde_json::json!([]));
    assert_eq!(diff["new"]["categories"], serde_json::json!([1]));
    assert!(
        !diff["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().starts_with("评估日"))
    );
    // The same date and version on both sides: nothing changed.
    let same = server.post_json("/v1/diff?old_as_of=2027-01-15&new_as_of=2027-01-15", MAN_47.as_bytes());
    assert_eq!(same.json()["changes"], serde_json::json!([]));
}

#[test]
fn an_unknown_version_a_bad_case_and_a_missing_date_are_refused() {
    let server = revision_server();
    let unknown = server.post_json("/v1/diff?old_version=hunan-2099&lang=en", MAN_47.as_bytes());
    assert_eq!(
        (unknown.status(), unknown.error_code()),
        (400, "unknown_version".to_string())
    );
    assert!(
        unknown.text().contains("`hunan-2027-revision-example`"),
        "{}",
        unknown.text()
    );
    let bad = server.post_json(
        "/v1/diff?old_as_of=2026-12-31&new_as_of=2027-01-01",
        BAD_DATE_PRETTY.as_bytes(),
    );
    assert_eq!(bad.status(), 422);
    assert_eq!(bad.json()["diagnostics"][0]["line"], 4);
    let undated = server.post_json("/v1/diff?old_as_of=2026-12-31", MAN_47.as_bytes());
    assert_eq!(undated.status(), 422, "the new side has no date: {}", undated.text());
    assert_eq!(undated.json()["diagnostics"][0]["code"], "no_evaluation_date");
    let yaml = server.post_yaml("/v1/diff?old_as_of=2025-06-01", MAN_50_YAML.as_bytes());
    assert_eq!(yaml.status(), 200, "{}", yaml.text());
    let wrong = server.post_json("/v1/diff?as_of=2025-06-01", MAN_50.as_bytes());
    assert_eq!((wrong.status(), wrong.error_code()), (400, "bad_query".to_string()));
}

#[test]
fn the_policy_names_its_versions_and_the_one_in_force_on_a_date() {
    let server = revision_server();
    let policy = server.get("/v1/policy?as_of=2027-01-15").json();
    // The file loaded is the amendment: its id; its documents, the chain.
    assert_eq!(policy["id"], "hunan-2027-revision-example");
    assert_eq!(policy["documents"][0], "hunan-2025-employment-assistance");
    assert_eq!(policy["builtin"], false);
    let versions = policy["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["id"], "hunan-2027-revision-example");
    assert_eq!(versions[1]["effective"], "2027-01-01");
    assert_eq!(policy["in_force"], "hunan-2027-revision-example");
    let before = server.get("/v1/policy?as_of=2026-12-31").json();
    assert_eq!(before["in_force"], "hunan-2025-employment-assistance");
    // The files read, each with its hash; the revision's among them.
    let files = policy["files"].as_array().unwrap();
    assert!(
        files
            .iter()
            .any(|f| f["name"].as_str().unwrap().ends_with("hunan-2027-revision.policy"))
    );
    assert!(files.iter().all(|f| f["sha256"].as_str().unwrap().len() == 64));
    assert_eq!(
        Some(policy["hash"].as_str().unwrap()),
        server.get("/healthz").header("zhengce-policy-hash")
    );
}
