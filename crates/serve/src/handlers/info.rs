//! What the server tells of itself and its policy: `GET /v1/policy` (id, documents,
//! versions and their dates, the files and their hash), `GET /v1/schema` (the case's
//! JSON Schema), `GET /v1/openapi.json`, `GET /healthz` and `GET /metrics`.

use crate::app::{Answer, App, respond};
use crate::metrics::Gauges;
use crate::query::{self, Param};
use hyper::body::Incoming;
use hyper::{Request, StatusCode};
use serde_json::{Value as Json, json};
use std::sync::Arc;
use zhengce::ast::{Effective, Unit};
use zhengce::run::{MissingDate, Runner};

/// This API's description (OpenAPI 3.1); a test holds it to the route table.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// Answers `GET /v1/policy`; with `?as_of=`, which version is in force on that date.
pub fn policy(app: &Arc<App>, req: &Request<Incoming>) -> Answer {
    let q = query::parse(req.uri().query(), &[Param::AsOf])?;
    let snapshot = app.policy.current();
    let latest = snapshot.latest();
    let info = &latest.info;
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Json::Null, |d| Json::from(d.to_string()));
    let effective = |e: &Option<Effective>| match e {
        Some(Effective::On(d)) => Json::from(d.to_string()),
        Some(Effective::Unspecified) => Json::from("unspecified"),
        None => Json::Null,
    };
    let versions: Vec<Json> = snapshot
        .versions
        .iter()
        .map(|v| {
            json!({
                "id": v.info.documents.last(),
                "documents": v.info.documents,
                "effective": effective(&v.info.effective),
                "until": date(v.info.until),
            })
        })
        .collect();
    let files: Vec<Json> = snapshot
        .files
        .iter()
        .map(|(name, sha)| json!({ "name": name, "sha256": sha }))
        .collect();
    let valid_for = info.valid_for.map(|(n, unit)| {
        let unit = match unit {
            Unit::Years => "years",
            Unit::Months => "months",
            Unit::Days => "days",
            Unit::WorkingDays => "working_days",
        };
        json!({ "value": n, "unit": unit })
    });
    let mut body = json!({
        "id": info.id,
        "title": info.title,
        "issuer": info.issuer,
        "document": info.document,
        "issued": date(info.issued),
        "builtin": info.builtin,
        "documents": info.documents,
        "versions": versions,
        "hash": snapshot.hash,
        "files": files,
    });
    body["effective"] = effective(&snapshot.versions[0].info.effective);
    body["valid_for"] = valid_for.unwrap_or(Json::Null);
    if let Some(as_of) = q.as_of {
        let runner = Runner::with_versions(&snapshot.versions, None, MissingDate::Error);
        let k = runner.version_on(as_of);
        body["as_of"] = Json::from(as_of.to_string());
        body["in_force"] = versions.get(k).and_then(|v| v.get("id")).cloned().unwrap_or(Json::Null);
    }
    Ok(respond(StatusCode::OK, "application/json", line(&body), &snapshot.hash))
}

/// Answers `GET /v1/schema`: the case format of the latest version, as `zhengce schema`.
pub fn schema(app: &Arc<App>, req: &Request<Incoming>) -> Answer {
    query::parse(req.uri().query(), &[])?;
    let snapshot = app.policy.current();
    let schema = zhengce::report::case_schema(snapshot.latest());
    Ok(respond(
        StatusCode::OK,
        "application/schema+json",
        line(&schema),
        &snapshot.hash,
    ))
}

/// Answers `GET /v1/openapi.json`.
pub fn openapi(app: &Arc<App>, req: &Request<Incoming>) -> Answer {
    query::parse(req.uri().query(), &[])?;
    let hash = &app.policy.current().hash;
    Ok(respond(
        StatusCode::OK,
        "application/json",
        OPENAPI.as_bytes().to_vec(),
        hash,
    ))
}

/// Answers `GET /healthz`: the server answers, and with which policy.
pub fn healthz(app: &Arc<App>, req: &Request<Incoming>) -> Answer {
    query::parse(req.uri().query(), &[])?;
    let snapshot = app.policy.current();
    let body = json!({ "status": "ok", "policy": snapshot.id(), "policy_hash": snapshot.hash });
    Ok(respond(StatusCode::OK, "application/json", line(&body), &snapshot.hash))
}

/// Answers `GET /metrics` (its `# HELP` lines in `?lang=`).
pub fn metrics(app: &Arc<App>, req: &Request<Incoming>) -> Answer {
    let q = query::parse(req.uri().query(), &[Param::Lang])?;
    let snapshot = app.policy.current();
    let gauges = Gauges {
        in_flight: app.decisions.in_progress(),
        batches: app.batches.in_progress(),
        policy: snapshot.id(),
        hash: &snapshot.hash,
    };
    let text = app.metrics.render(&gauges, q.lang.unwrap_or(app.settings.lang));
    Ok(respond(
        StatusCode::OK,
        "text/plain; version=0.0.4; charset=utf-8",
        text.into_bytes(),
        &snapshot.hash,
    ))
}

/// A JSON value as one line.
fn line(value: &Json) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
