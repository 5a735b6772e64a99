//! The bounds on work: past the decisions it takes at once the server answers 503 at
//! once (with `Retry-After`) and takes requests again as soon as a place is free; a body
//! that does not arrive in time is 408; the metrics count what was answered.

mod support;

use std::io::Write;
use support::cases::*;
use support::{Connection, Server, until_status};

/// Sends a decision request whose body is cut after its first bytes: the server holds
/// a place for it while it waits for the rest.
fn held_request(server: &Server, body: &str) -> Connection {
    let mut conn = Connection::open(&server.addr);
    let head = format!(
        "POST /v1/decisions HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    conn.stream.write_all(head.as_bytes()).unwrap();
    conn.stream.write_all(&body.as_bytes()[..10]).unwrap();
    conn
}

#[test]
fn past_its_limit_the_server_sheds_with_503_and_then_recovers() {
    let server = Server::start(&["--max-in-flight", "1"]);
    let body = format!("{MAN_50}{}", " ".repeat(64));
    let mut held = held_request(&server, &body);
    // The held request has its place once the gauge counts it (before that, a request
    // sent on another connection could take the place first).
    support::until("the held request in progress", || {
        server.get("/metrics").text().contains("zhengce_in_flight_requests 1")
    });
    let shed = until_status(503, || server.post_json("/v1/decisions?lang=en", MAN_50.as_bytes()));
    assert_eq!(shed.error_code(), "overloaded");
    assert_eq!(shed.header("retry-after"), Some("1"));
    assert!(shed.text().contains("1 requests are in progress"), "{}", shed.text());
    // A diff takes a place among the decisions too.
    assert_eq!(
        server
            .post_json("/v1/diff?old_as_of=2025-06-01", MAN_50.as_bytes())
            .status(),
        503
    );
    // What is not a decision is still answered.
    assert_eq!(server.get("/healthz").status(), 200);
    held.stream.write_all(&body.as_bytes()[10..]).unwrap();
    let answered = held.read_response();
    assert_eq!(answered.status(), 200, "{}", answered.text());
    let recovered = until_status(200, || server.post_json("/v1/decisions", MAN_50.as_bytes()));
    assert_eq!(recovered.json()["eligible"], true);
    let metrics = server.get("/metrics").text();
    let shed_line = "zhengce_http_requests_total{route=\"/v1/decisions\",method=\"POST\",status=\"503\"}";
    assert!(metrics.lines().any(|l| l.starts_with(shed_line)), "{metrics}");
    assert!(metrics.contains("zhengce_in_flight_requests 0"), "{metrics}");
}

#[test]
fn a_body_that_does_not_arrive_in_time_is_408() {
    let server = Server::start(&["--request-timeout", "1"]);
    let body = format!("{MAN_50}{}", " ".repeat(64));
    let mut held = held_request(&server, &body);
    let r = held.read_response();
    assert_eq!(r.status(), 408, "{}", r.text());
    assert_eq!(r.error_code(), "body_timeout");
    assert!(r.text().contains("1 秒内未收到完整的请求体"), "{}", r.text());
}

#[test]
fn the_metrics_count_requests_decisions_and_the_policys_yes_no_fields() {
    let server = Server::start(&[]);
    for _ in 0..3 {
        assert_eq!(server.post_json("/v1/decisions", MAN_50.as_bytes()).status(), 200);
    }
    assert_eq!(
        server
            .post_json("/v1/decisions?as_of=2025-06-01", MAN_50.as_bytes())
            .status(),
        200
    );
    assert_eq!(
        server.post_json("/v1/decisions", BAD_DATE_PRETTY.as_bytes()).status(),
        422
    );
    let batch = format!("{MAN_50}\n{BAD_DATE_PRETTY}");
    let ndjson = [("content-type", "application/x-ndjson")];
    assert_eq!(
        server
            .request("POST", "/v1/decisions:batch", &ndjson, batch.as_bytes())
            .status(),
        200
    );
    let metrics = server.get("/metrics?lang=en");
    assert_eq!(
        metrics.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let text = metrics.text();
    for line in [
        "zhengce_http_requests_total{route=\"/v1/decisions\",method=\"POST\",status=\"200\"} 4",
        "zhengce_http_requests_total{route=\"/v1/decisions\",method=\"POST\",status=\"422\"} 1",
        "zhengce_decisions_total{status=\"ok\"} 4",
        "zhengce_decisions_total{status=\"error\"} 1",
        "zhengce_decision_fields_total{field=\"eligible\",value=\"true\"} 3",
        "zhengce_decision_fields_total{field=\"eligible\",value=\"false\"} 1",
        "zhengce_http_request_duration_seconds_count{route=\"/v1/decisions\",method=\"POST\"} 5",
        "# TYPE zhengce_http_request_duration_seconds histogram",
    ] {
        assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    }
    // The batch's cases are counted when it has finished writing them: the pretty case
    // is six lines, each an error record in JSON Lines.
    let counted = (0..200).any(|_| {
        let text = server.get("/metrics").text();
        let done = text.contains("zhengce_batch_cases_total{status=\"ok\"} 1")
            && text.contains("zhengce_batch_cases_total{status=\"error\"} 6");
        if !done {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        done
    });
    assert!(counted, "{}", server.get("/metrics").text());
    assert!(
        server
            .get("/metrics")
            .text()
            .contains("# HELP zhengce_decisions_total 单个案件的决定数")
    );
}
