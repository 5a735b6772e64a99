//! The OpenAPI description held to the server: its paths and methods are the route
//! table's, each query parameter it names is one its route takes (and the other way
//! round), every reference resolves, and the statuses the routes answer are described.
//! Also what the server says of itself: `/v1/schema`, `/healthz`, `/v1/openapi.json`.

mod support;

use serde_json::Value as Json;
use std::collections::BTreeSet;
use support::Server;
use support::cases::*;
use zhengce_serve::routes::ROUTES;

fn description() -> Json {
    serde_json::from_str(zhengce_serve::handlers::info::OPENAPI).expect("openapi.json is JSON")
}

/// Follows a `$ref` within the description.
fn resolve<'a>(doc: &'a Json, value: &'a Json) -> &'a Json {
    match value.get("$ref").and_then(Json::as_str) {
        Some(pointer) => doc
            .pointer(pointer.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{pointer} does not resolve")),
        None => value,
    }
}

fn every_ref(value: &Json, out: &mut Vec<String>) {
    match value {
        Json::Object(map) => {
            if let Some(Json::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| every_ref(v, out));
        }
        Json::Array(items) => items.iter().for_each(|v| every_ref(v, out)),
        _ => {}
    }
}

#[test]
fn the_description_has_exactly_the_routes_and_its_references_resolve() {
    let doc = description();
    assert_eq!(doc["openapi"], "3.1.0");
    let described: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(described, routed);
    let mut refs = Vec::new();
    every_ref(&doc, &mut refs);
    assert!(refs.len() > 20);
    for r in refs {
        assert!(doc.pointer(r.trim_start_matches('#')).is_some(), "{r} does not resolve");
    }
}

#[test]
fn each_route_takes_the_parameters_described_and_answers_the_statuses_described() {
    let doc = description();
    let server = Server::start(&[]);
    for route in ROUTES {
        let op = &doc["paths"][route.path][route.method.to_lowercase()];
        let statuses: BTreeSet<String> = op["responses"].as_object().unwrap().keys().cloned().collect();
        let params: Vec<&Json> = op["parameters"]
            .as_array()
            .map(|ps| ps.iter().map(|p| resolve(&doc, p)).collect())
            .unwrap_or_default();
        let names: BTreeSet<String> = params.iter().map(|p| p["name"].as_str().unwrap().to_string()).collect();
        let send = |query: &str| {
            let path = format!("{}{query}", route.path);
            let body = if route.path.ends_with(":batch") {
                format!("{MAN_50}\n")
            } else {
                MAN_50.to_string()
            };
            let ctype = if route.path.ends_with(":batch") {
                "application/x-ndjson"
            } else {
                "application/json"
            };
            server.request(route.method, &path, &[("content-type", ctype)], body.as_bytes())
        };
        // A parameter the route does not take: 400, naming the ones it takes — those described.
        let unknown = send("?no_such_parameter=1&lang=en");
        assert!(statuses.contains("400"), "{}", route.path);
        if !matches!(route.path, "/v1/admin/reload") {
            assert_eq!(unknown.status(), 400, "{}: {}", route.path, unknown.text());
            let message = unknown.json()["error"]["message"].as_str().unwrap().to_string();
            let taken: BTreeSet<String> = message.split('`').skip(3).step_by(2).map(str::to_string).collect();
            assert_eq!(taken, names, "{}: {message}", route.path);
        }
        // Each described parameter, with its example, is taken.
        for p in &params {
            let example = p["example"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: {} has no example", route.path, p["name"]));
            let r = send(&format!("?{}={example}", p["name"].as_str().unwrap()));
            let refused_as_unknown = r.status() == 400 && r.text().contains("未知的查询参数");
            assert!(!refused_as_unknown, "{} {}: {}", route.path, p["name"], r.text());
            assert!(
                statuses.contains(&r.status().to_string()),
                "{} answered {}: {}",
                route.path,
                r.status(),
                r.text()
            );
        }
        let plain = send("");
        assert!(
            statuses.contains(&plain.status().to_string()),
            "{} answered {}",
            route.path,
            plain.status()
        );
    }
}

#[test]
fn the_server_serves_its_description_schema_and_health() {
    let server = Server::start(&[]);
    let served = server.get("/v1/openapi.json");
    assert_eq!(served.status(), 200);
    assert_eq!(served.body, zhengce_serve::handlers::info::OPENAPI.as_bytes());
    let schema = server.get("/v1/schema");
    assert_eq!(schema.header("content-type"), Some("application/schema+json"));
    let mut loaded = zhengce::policy_set::load_policy(
        zhengce::policy_set::DEFAULT_POLICY,
        zhengce::policy_set::PolicySource::Builtin,
    );
    let program = loaded.program.take().expect("the built-in policy checks");
    assert_eq!(schema.json(), zhengce::report::case_schema(&program));
    let health = server.get("/healthz").json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["policy"], "hunan-2025-employment-assistance");
    let policy = server.get("/v1/policy").json();
    assert_eq!(policy["builtin"], true);
    assert_eq!(policy["hash"], health["policy_hash"]);
    assert!(policy.get("in_force").is_none());
    assert_eq!(server.request("HEAD", "/healthz", &[], b"").status(), 200);
}
