//! `POST /v1/decisions`: JSON and YAML cases, the three explanations, the languages,
//! the evaluation date, the located diagnostics of a bad case (422), the bounds of the
//! body (413, 415), the query's mistakes (400), unknown routes (404, 405), and the same
//! bytes for the same request.

mod support;

use support::Server;
use support::cases::*;

#[test]
fn a_json_case_gets_its_record_and_a_yaml_case_the_same_one() {
    let server = Server::start(&[]);
    let json = server.post_json("/v1/decisions", MAN_50.as_bytes());
    assert_eq!(json.status(), 200, "{}", json.text());
    let record = json.json();
    assert_eq!(record["case"], "EX-1");
    assert_eq!(record["status"], "ok");
    assert_eq!(record["eligible"], true);
    assert_eq!(record["categories"], serde_json::json!([1, 2]));
    assert_eq!(record["retirement_date"], "2037-10-10");
    assert!(record.get("trace").is_none(), "no trace unless asked");
    assert_eq!(json.header("content-type"), Some("application/json"));
    let hash = json.header("zhengce-policy-hash").unwrap_or("");
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{hash}");
    let yaml = server.post_yaml("/v1/decisions", MAN_50_YAML.as_bytes());
    assert_eq!(yaml.status(), 200, "{}", yaml.text());
    let mut from_yaml = yaml.json();
    let mut from_json = record;
    // Only the places of the diagnostics differ (the YAML's lines are not the JSON's).
    for r in [&mut from_yaml, &mut from_json] {
        for d in r["diagnostics"].as_array_mut().unwrap() {
            d.as_object_mut().unwrap().retain(|k, _| k != "line" && k != "column");
        }
    }
    assert_eq!(from_yaml, from_json);
}

#[test]
fn brief_explains_what_holds_and_full_every_rule() {
    let server = Server::start(&[]);
    let full = server
        .post_json("/v1/decisions?explain=full&lang=en", MAN_50.as_bytes())
        .json();
    let brief = server
        .post_json("/v1/decisions?explain=brief&lang=en", MAN_50.as_bytes())
        .json();
    let lines = |r: &serde_json::Value| -> Vec<String> {
        r["trace"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    };
    let (full_lines, brief_lines) = (lines(&full), lines(&brief));
    assert!(full_lines.iter().any(|l| l.contains("does not hold")));
    assert!(!brief_lines.is_empty() && brief_lines.len() < full_lines.len());
    // Brief keeps exactly the lines of what holds, in the full trace's order.
    let holding: Vec<&String> = full_lines.iter().filter(|l| !l.contains("does not hold")).collect();
    assert_eq!(brief_lines.iter().collect::<Vec<_>>(), holding);
    assert!(
        brief_lines.iter().any(|l| l.starts_with("一（一） holds")),
        "{brief_lines:?}"
    );
    assert!(
        brief_lines.iter().any(|l| l.starts_with("一 eligible holds")),
        "{brief_lines:?}"
    );
    // The rest of the record is the same.
    let without_trace = |mut r: serde_json::Value| {
        r.as_object_mut().unwrap().remove("trace");
        r
    };
    assert_eq!(without_trace(full), without_trace(brief));
    let zh = server
        .post_json("/v1/decisions?explain=brief", MAN_50.as_bytes())
        .json();
    assert!(lines(&zh).iter().any(|l| l.starts_with("一（一） 成立")), "{zh}");
}

#[test]
fn the_evaluation_date_comes_from_the_query_else_the_case_and_none_is_an_error() {
    let server = Server::start(&[]);
    let earlier = server
        .post_json("/v1/decisions?as_of=2025-06-01", MAN_50.as_bytes())
        .json();
    assert_eq!(earlier["as_of"], "2025-06-01");
    assert_eq!(earlier["eligible"], false, "5 months unemployed on 2025-06-01");
    let undated = server.post_json("/v1/decisions?lang=en", MAN_50_UNDATED.as_bytes());
    assert_eq!(undated.status(), 422, "never today's date: {}", undated.text());
    let d = &undated.json()["diagnostics"][0];
    assert_eq!(d["code"], "no_evaluation_date");
    let dated = server.post_json("/v1/decisions?as_of=2025-09-01", MAN_50_UNDATED.as_bytes());
    assert_eq!(dated.status(), 200);
}

#[test]
fn a_bad_case_is_422_with_the_line_and_column_in_the_body() {
    let server = Server::start(&[]);
    let r = server.post_json("/v1/decisions", BAD_DATE_PRETTY.as_bytes());
    assert_eq!(r.status(), 422);
    let record = r.json();
    assert_eq!(record["status"], "error");
    let d = &record["diagnostics"][0];
    assert_eq!(d["code"], "invalid_date");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(4), Some(46)), "{d}");
    assert_eq!(d["file"], "<request>");
    assert!(d["message"].as_str().unwrap().contains("不是有效的日期"), "{d}");
    let yaml = server.post_yaml("/v1/decisions?lang=en", UNKNOWN_KEY_YAML.as_bytes());
    assert_eq!(yaml.status(), 422);
    let d = &yaml.json()["diagnostics"][0];
    assert_eq!(d["code"], "unknown_key");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(1)), "{d}");
    assert!(d["message"].as_str().unwrap().contains("persno"), "{d}");
    let broken = server.post_json("/v1/decisions", b"{\"id\": \"X\",\n \"as_of\": ");
    assert_eq!(broken.status(), 422);
    assert_eq!(broken.json()["diagnostics"][0]["line"], 2);
    let not_utf8 = server.post_json("/v1/decisions", b"{\"id\": \"\xff\"}");
    assert_eq!(not_utf8.status(), 422);
    assert_eq!(not_utf8.json()["diagnostics"][0]["code"], "invalid_utf8");
}

#[test]
fn a_body_with_no_case_or_several_is_422_and_says_so() {
    let server = Server::start(&[]);
    let empty = server.post_json("/v1/decisions", b"  \n");
    assert_eq!((empty.status(), empty.error_code()), (422, "no_case".to_string()));
    let two = format!("{MAN_50_YAML}---\n{MAN_50_YAML}");
    let several = server.post_yaml("/v1/decisions?lang=en", two.as_bytes());
    assert_eq!(
        (several.status(), several.error_code()),
        (422, "several_cases".to_string())
    );
    assert!(
        several.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/v1/decisions:batch")
    );
}

#[test]
fn the_body_is_bounded_and_its_type_must_be_one_read() {
    let server = Server::start(&["--max-case-bytes", "1000"]);
    let big = format!("{{\"id\":\"{}\"}}", "x".repeat(2000));
    let declared = server.post_json("/v1/decisions", big.as_bytes());
    assert_eq!(
        (declared.status(), declared.error_code()),
        (413, "body_too_large".to_string())
    );
    // Without a declared length: the limit is found while reading.
    let chunked = format!("{:x}\r\n{big}\r\n0\r\n\r\n", big.len());
    let headers = [("content-type", "application/json"), ("transfer-encoding", "chunked")];
    let r = server.request("POST", "/v1/decisions", &headers, chunked.as_bytes());
    assert_eq!(r.status(), 413, "{}", r.text());
    let csv = server.request(
        "POST",
        "/v1/decisions?lang=en",
        &[("content-type", "text/csv")],
        MAN_50.as_bytes(),
    );
    assert_eq!(csv.status(), 415);
    assert!(csv.text().contains("application/yaml"), "{}", csv.text());
    // No content type at all is JSON, as most clients send it.
    assert_eq!(
        server.request("POST", "/v1/decisions", &[], MAN_50.as_bytes()).status(),
        200
    );
}

#[test]
fn a_query_mistake_is_400_in_the_language_asked_for() {
    let server = Server::start(&[]);
    for (query, code, words) in [
        ("explain=short&lang=en", "bad_query", "`none`, `brief`, `full`"),
        ("as_of=2025-02-30&lang=en", "bad_query", "a date YYYY-MM-DD"),
        ("langg=en", "bad_query", "未知的查询参数 `langg`"),
        ("lang=en&lang=en", "bad_query", "more than once"),
        ("lang=fr", "bad_query", "`zh`, `en`"),
    ] {
        let r = server.post_json(&format!("/v1/decisions?{query}"), MAN_50.as_bytes());
        assert_eq!((r.status(), r.error_code()), (400, code.to_string()), "{query}");
        assert!(r.text().contains(words), "{query}: {}", r.text());
    }
}

#[test]
fn unknown_routes_and_methods_are_404_and_405_with_allow() {
    let server = Server::start(&[]);
    let missing = server.get("/v1/decision");
    assert_eq!((missing.status(), missing.error_code()), (404, "not_found".to_string()));
    assert!(missing.text().contains("没有这个地址"));
    let wrong = server.request("GET", "/v1/decisions?lang=en", &[], b"");
    assert_eq!(wrong.status(), 405);
    assert_eq!(wrong.header("allow"), Some("POST"));
    assert!(wrong.text().contains("does not take GET"), "{}", wrong.text());
    let delete = server.request("DELETE", "/healthz", &[], b"");
    assert_eq!((delete.status(), delete.header("allow")), (405, Some("GET")));
    // Every answer names the policy's hash, errors too.
    assert!(delete.header("zhengce-policy-hash").is_some());
}

#[test]
fn the_same_request_gets_the_same_bytes_with_no_date_read() {
    let server = Server::start(&[]);
    let mut conn = support::Connection::open(&server.addr);
    let headers = [("content-type", "application/json")];
    let mut raws = Vec::new();
    for path in ["/v1/decisions?explain=full", "/v1/decisions?explain=full"] {
        let r = conn.send("POST", path, &headers, MAN_50.as_bytes());
        assert_eq!(r.status(), 200);
        raws.push(r.raw);
    }
    // A second server answers the same bytes too.
    let other = Server::start(&[]);
    let r = other.request("POST", "/v1/decisions?explain=full", &headers, MAN_50.as_bytes());
    assert_eq!(raws[0], raws[1]);
    assert_eq!(raws[0], r.raw);
    assert!(r.header("date").is_none(), "no Date header: {:?}", r.head.headers);
    let bad = |s: &Server| s.post_json("/v1/decisions", BAD_DATE_PRETTY.as_bytes()).raw;
    assert_eq!(bad(&server), bad(&other));
}
