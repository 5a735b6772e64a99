//! `POST /v1/decisions:batch`: JSON Lines in, one record per case out in input order
//! (§5), error records located in the body, the count and size limits, the trace on
//! request, and 429 when as many batches run as the server takes.

mod support;

use std::io::Write;
use support::cases::*;
use support::{Connection, Server};

const NDJSON: (&str, &str) = ("content-type", "application/x-ndjson");

fn records(body: &[u8]) -> Vec<serde_json::Value> {
    body.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(l))))
        .collect()
}

#[test]
fn every_case_gets_one_record_in_input_order_and_bad_lines_are_located() {
    let server = Server::start(&["--batch-jobs", "2"]);
    let mut body = String::new();
    for n in 0..1500 {
        body.push_str(&numbered(n));
        body.push('\n');
        if n == 700 {
            // A blank line is no case; a broken line and a repeated id are error records.
            body.push_str("\n{\"id\": \"broken\", \"as_of\": 2025-09-01}\n");
            body.push_str(&numbered(3));
            body.push('\n');
        }
    }
    let r = server.request("POST", "/v1/decisions:batch?lang=en", &[NDJSON], body.as_bytes());
    assert_eq!(r.status(), 200);
    assert_eq!(r.header("content-type"), Some("application/x-ndjson"));
    assert!(r.head.chunked(), "streamed");
    assert!(r.header("zhengce-policy-hash").is_some());
    let recs = records(&r.body);
    assert_eq!(recs.len(), 1502);
    let ids: Vec<&str> = recs.iter().map(|r| r["case"].as_str().unwrap_or("")).collect();
    assert_eq!(ids[0], "EX-00000");
    assert_eq!(ids[700], "EX-00700");
    assert_eq!(ids[703], "EX-00701");
    assert_eq!(ids[1501], "EX-01499");
    let broken = &recs[701];
    assert_eq!(broken["status"], "error");
    let d = &broken["diagnostics"][0];
    // Line 703 of the body (700 cases, the case of line 701, a blank line), at the `-` after
    // `2025` (column 31): a date must be quoted in JSON.
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("<request>"), Some(703), Some(31)),
        "{d}"
    );
    let duplicate = &recs[702];
    assert_eq!(duplicate["diagnostics"][0]["code"], "duplicate_case_id");
    assert!(
        duplicate["diagnostics"][0]["help"].as_str().unwrap().contains("line 4"),
        "{duplicate}"
    );
    assert!(recs.iter().all(|r| r.get("trace").is_none()));
}

#[test]
fn the_trace_is_given_on_request_and_brief_is_refused() {
    let server = Server::start(&[]);
    let body = format!("{MAN_50}\n");
    let full = server.request("POST", "/v1/decisions:batch?explain=full", &[NDJSON], body.as_bytes());
    assert!(
        records(&full.body)[0]["trace"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
    let brief = server.request("POST", "/v1/decisions:batch?explain=brief", &[NDJSON], body.as_bytes());
    assert_eq!(
        (brief.status(), brief.error_code()),
        (400, "brief_not_in_batch".to_string())
    );
    let yaml = server.request(
        "POST",
        "/v1/decisions:batch",
        &[("content-type", "application/yaml")],
        body.as_bytes(),
    );
    assert_eq!(yaml.status(), 415);
    // The query's date wins over each case's, as `batch --as-of`.
    let dated = server.request(
        "POST",
        "/v1/decisions:batch?as_of=2025-06-01",
        &[NDJSON],
        body.as_bytes(),
    );
    assert_eq!(records(&dated.body)[0]["as_of"], "2025-06-01");
}

#[test]
fn a_batch_past_its_count_of_cases_ends_with_a_record_saying_so() {
    let server = Server::start(&["--max-batch-cases", "3"]);
    let body: String = (0..5).map(|n| format!("{}\n\n", numbered(n))).collect();
    let r = server.request("POST", "/v1/decisions:batch?lang=en", &[NDJSON], body.as_bytes());
    assert_eq!(r.status(), 200);
    let recs = records(&r.body);
    assert_eq!(recs.len(), 4, "{}", r.text());
    assert!(recs[..3].iter().all(|r| r["status"] == "ok"));
    let last = &recs[3]["diagnostics"][0];
    assert!(last["message"].as_str().unwrap().contains("at most 3 cases"), "{last}");
    // Where reading stopped: the line of the fourth case.
    assert_eq!(last["line"], 7, "{last}");
}

#[test]
fn a_batch_body_past_its_size_is_413_when_declared_and_cut_when_not() {
    let server = Server::start(&["--max-batch-bytes", "1000"]);
    let body: String = (0..8).map(|n| format!("{}\n", numbered(n))).collect();
    assert!(body.len() > 1000);
    let declared = server.request("POST", "/v1/decisions:batch", &[NDJSON], body.as_bytes());
    assert_eq!(
        (declared.status(), declared.error_code()),
        (413, "body_too_large".to_string())
    );
    let chunked = format!("{:x}\r\n{body}\r\n0\r\n\r\n", body.len());
    let headers = [NDJSON, ("transfer-encoding", "chunked")];
    let r = server.request("POST", "/v1/decisions:batch", &headers, chunked.as_bytes());
    assert_eq!(r.status(), 200);
    let recs = records(&r.body);
    let fit = 1000 / (numbered(0).len() + 1);
    assert_eq!(recs.len(), fit + 1, "{}", r.text());
    let last = recs.last().unwrap();
    assert!(
        last["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("超过上限 1000 字节"),
        "{last}"
    );
}

#[test]
fn a_batch_past_the_number_running_is_429_and_the_next_one_runs() {
    let server = Server::start(&["--max-batches", "1"]);
    // A batch held open: its body's first chunk sent, the rest not yet.
    let mut held = Connection::open(&server.addr);
    let head = "POST /v1/decisions:batch HTTP/1.1\r\nhost: test\r\ncontent-type: application/x-ndjson\r\ntransfer-encoding: chunked\r\n\r\n";
    let first = format!("{MAN_50}\n");
    write!(held.stream, "{head}{:x}\r\n{first}\r\n", first.len()).unwrap();
    // The held batch has started once its response's head has come (before that, a
    // batch sent on another connection could take the place first).
    assert_eq!(held.status_of_next(), 200);
    let body = format!("{}\n", numbered(9));
    let send = |query: &str| {
        server.request(
            "POST",
            &format!("/v1/decisions:batch{query}"),
            &[NDJSON],
            body.as_bytes(),
        )
    };
    let refused = support::until_status(429, || send("?lang=en"));
    assert_eq!(refused.error_code(), "too_many_batches");
    assert_eq!(refused.header("retry-after"), Some("1"));
    write!(held.stream, "0\r\n\r\n").unwrap();
    let done = held.read_response();
    assert_eq!(records(&done.body).len(), 1);
    // Its place is free again.
    let next = support::until_status(200, || send(""));
    assert_eq!(records(&next.body)[0]["case"], "EX-00009");
}
