//! ID numbers: masked in every response (records, errors, batches, diffs) unless the
//! request asks (`?pii=show`) and the server was started with `--allow-pii`; asked of
//! a server without it, refused. The log never holds a case's body.

mod support;

use support::Server;
use support::cases::*;

const MASKED: &str = "430102********1234";

#[test]
fn id_numbers_are_masked_unless_asked_and_allowed() {
    let plain = Server::start(&[]);
    let case = with_id_number();
    let r = plain.post_json("/v1/decisions?explain=full", case.as_bytes());
    assert_eq!(r.status(), 200, "{}", r.text());
    assert!(
        !r.text().contains(ID_NUMBER) && r.text().contains(MASKED),
        "{}",
        r.text()
    );
    let asked = plain.post_json("/v1/decisions?pii=show", case.as_bytes());
    assert_eq!(
        (asked.status(), asked.error_code()),
        (403, "pii_not_allowed".to_string())
    );
    assert!(!asked.text().contains(ID_NUMBER));
    let allowing = Server::start(&["--allow-pii"]);
    let unasked = allowing.post_json("/v1/decisions", case.as_bytes());
    assert!(
        !unasked.text().contains(ID_NUMBER),
        "allowed, not asked: {}",
        unasked.text()
    );
    let shown = allowing.post_json("/v1/decisions?pii=show", case.as_bytes());
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.json()["case"], ID_NUMBER);
}

#[test]
fn an_id_number_quoted_by_a_diagnostic_is_masked_too() {
    let server = Server::start(&["--allow-pii"]);
    let r = server.post_json("/v1/decisions?lang=en", BAD_ID_NUMBER.as_bytes());
    assert_eq!(r.status(), 422);
    assert!(!r.text().contains("430102197503101235"), "{}", r.text());
    assert!(r.text().contains("430102********1235"), "{}", r.text());
    // The checker's message masks the number it quotes whatever is asked, as the CLI's
    // does with `--show-pii`: the server shows what the library gives.
    let shown = server.post_json("/v1/decisions?lang=en&pii=show", BAD_ID_NUMBER.as_bytes());
    assert_eq!(shown.json()["diagnostics"], r.json()["diagnostics"]);
}

#[test]
fn batches_and_diffs_and_errors_mask_them_as_well() {
    let server = Server::start(&["--allow-pii"]);
    let case = with_id_number();
    let body = format!("{case}\n{case}\n");
    let ndjson = [("content-type", "application/x-ndjson")];
    let batch = server.request("POST", "/v1/decisions:batch", &ndjson, body.as_bytes());
    assert!(
        !batch.text().contains(ID_NUMBER) && batch.text().contains(MASKED),
        "{}",
        batch.text()
    );
    let shown = server.request("POST", "/v1/decisions:batch?pii=show", &ndjson, body.as_bytes());
    assert!(shown.text().contains(ID_NUMBER));
    let diff = server.post_json("/v1/diff?old_as_of=2025-06-01", case.as_bytes());
    assert_eq!(diff.status(), 200, "{}", diff.text());
    assert!(
        !diff.text().contains(ID_NUMBER) && diff.text().contains(MASKED),
        "{}",
        diff.text()
    );
    // A path or a query value that is an ID number is masked in the error that quotes it.
    let path = format!("/v1/{ID_NUMBER}");
    let missing = server.get(&path);
    assert_eq!(missing.status(), 404);
    assert!(!missing.text().contains(ID_NUMBER), "{}", missing.text());
    let query = format!("/v1/decisions?as_of={ID_NUMBER}");
    let bad = server.post_json(&query, case.as_bytes());
    assert_eq!(bad.status(), 400);
    assert!(!bad.text().contains(ID_NUMBER), "{}", bad.text());
}

#[test]
fn the_log_never_holds_a_case_body() {
    let server = Server::start(&["--access-log", "--allow-pii"]);
    let marker = "PRIVATE-MARKER-7731";
    let case = with_id_number().replace("\"employment\"", &format!("\"{marker}\":1,\"employment\""));
    for path in [
        "/v1/decisions?pii=show",
        "/v1/diff?old_as_of=2025-06-01",
        "/v1/decisions",
    ] {
        let r = server.post_json(path, case.as_bytes());
        assert_eq!(r.status(), 422, "the unknown key makes it a bad case: {}", r.text());
    }
    let good = server.post_json("/v1/decisions?as_of=2025-09-01", with_id_number().as_bytes());
    assert_eq!(good.status(), 200);
    server.wait_for_log("POST /v1/decisions 200");
    let log = server.log_text();
    assert!(log.contains("POST /v1/decisions 422"), "{log}");
    assert!(log.contains("POST /v1/diff 422"), "{log}");
    for secret in [marker, ID_NUMBER, "2025-01-10", "as_of", "unemployed"] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}
