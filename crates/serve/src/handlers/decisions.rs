//! `POST /v1/decisions`: one case (JSON, or YAML by content type) → its §4 record; 200
//! when it was evaluated, 422 with the record's located diagnostics when it could not
//! be (the line and column within the request body).

use crate::admission::Pass;
use crate::app::{Answer, App, respond};
use crate::body::{MediaType, body_type, drain, read_whole};
use crate::decide::{CaseFormat, RecordOptions, Side, evaluate, record, versions_of, with_sources};
use crate::errors::ApiError;
use crate::explain::Explain;
use crate::query::{self, Param, Query};
use bytes::Bytes;
use hyper::body::Incoming;
use hyper::{Request, StatusCode};
use std::sync::Arc;
use std::time::Duration;
use zhengce::lang::Lang;

const PARAMS: &[Param] = &[Param::Lang, Param::Explain, Param::AsOf, Param::Pii];

/// What the content types of a single case say, for the error of another.
pub(super) const CASE_TYPES: &str = "`application/json`, `application/yaml`";

/// The longest a refused request's body is read for, so that its connection can be
/// kept: longer, and it is closed instead.
const DRAIN_WAIT: Duration = Duration::from_secs(1);

/// A request about one case, read: its parameters, the case's bytes and format, and
/// its place among the decisions in progress (held until the answer is made).
pub(super) struct CaseRequest {
    pub query: Query,
    pub lang: Lang,
    pub show_pii: bool,
    pub format: CaseFormat,
    pub body: Bytes,
    _pass: Pass,
}

/// Takes a place among the decisions in progress (503 when there is none), then reads
/// the body, the query and the content type.
pub(super) async fn read_case_request(
    app: &App,
    req: Request<Incoming>,
    params: &'static [Param],
) -> Result<CaseRequest, ApiError> {
    let (parts, body) = req.into_parts();
    let settings = &app.settings;
    let Some(pass) = app.decisions.enter() else {
        drain(body, settings.case_bytes, DRAIN_WAIT.min(settings.wait)).await;
        return Err(ApiError::Overloaded(app.decisions.limit()));
    };
    // A decision is computed where its request is read, with no wait in between, so
    // without this a request would hold its place for no time and the count in progress
    // would never pass the number of threads, however many wait in the sockets. Going to
    // the back of the queue once lets the requests that wait be read and counted first:
    // the count becomes the queue, and past its limit a request is refused at once.
    tokio::task::yield_now().await;
    let body = read_whole(body, &parts.headers, settings.case_bytes, settings.wait).await?;
    let query = query::parse(parts.uri.query(), params)?;
    let format = match body_type(&parts.headers, &[MediaType::Json, MediaType::Yaml], CASE_TYPES)? {
        MediaType::Yaml => CaseFormat::Yaml,
        MediaType::Json | MediaType::JsonLines => CaseFormat::Json,
    };
    Ok(CaseRequest {
        lang: query.lang.unwrap_or(settings.lang),
        show_pii: app.show_pii(query.show_pii)?,
        query,
        format,
        body,
        _pass: pass,
    })
}

/// Answers `POST /v1/decisions`.
pub async fn decide(app: &Arc<App>, req: Request<Incoming>) -> Answer {
    let asked = read_case_request(app, req, PARAMS).await?;
    let snapshot = app.policy.current();
    let side = Side {
        as_of: asked.query.as_of,
        version: None,
    };
    let options = RecordOptions {
        explain: asked.query.explain.unwrap_or(Explain::None),
        lang: asked.lang,
        show_pii: asked.show_pii,
    };
    let decided = with_sources(&snapshot, |sources| {
        let versions = versions_of(&snapshot, side);
        let r = evaluate(
            versions,
            sources,
            &asked.body,
            asked.format,
            side,
            app.settings.case_bytes,
        )?;
        Ok::<_, ApiError>(record(&r, versions, sources, options))
    })?;
    app.metrics.decision(decided.ok, &decided.yes_no);
    let status = if decided.ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(respond(status, "application/json", decided.record, &snapshot.hash))
}
