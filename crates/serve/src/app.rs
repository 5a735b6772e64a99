//! The service: its policy, settings, gates and metrics, and the one function a request
//! goes through — found in the route table, answered by its handler (or with the error
//! that says why not), counted, and named by the policy hash it used.

use crate::admission::Gate;
use crate::body::ResponseBody;
use crate::errors::ApiError;
use crate::handlers;
use crate::metrics::Metrics;
use crate::policy::PolicyHolder;
use crate::routes::{self, Found, ROUTES, RouteId};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use std::sync::Arc;
use std::time::{Duration, Instant};
use zhengce::lang::Lang;

/// The header every response names the policy's hash in.
pub const POLICY_HASH_HEADER: HeaderName = HeaderName::from_static("zhengce-policy-hash");

/// What the server was started with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether a request may ask for ID numbers in full.
    pub allow_pii: bool,
    /// The language of responses when a request asks for none.
    pub lang: Lang,
    /// The admin token of `POST /v1/admin/reload`, if any.
    pub admin_token: Option<String>,
    /// Largest body of one case, in bytes.
    pub case_bytes: u64,
    /// Largest body of a batch, in bytes.
    pub batch_bytes: u64,
    /// Most cases in a batch.
    pub batch_cases: u64,
    /// Worker threads of each batch.
    pub batch_jobs: usize,
    /// How long to wait for a body (or a batch's next bytes).
    pub wait: Duration,
    /// Whether to write a line per request to standard error.
    pub access_log: bool,
}

/// The running service.
#[derive(Debug)]
pub struct App {
    /// The policy in force.
    pub policy: PolicyHolder,
    /// The settings.
    pub settings: Settings,
    /// The counts `GET /metrics` shows.
    pub metrics: Metrics,
    /// Decision requests in progress (single cases and diffs).
    pub decisions: Arc<Gate>,
    /// Batch requests in progress.
    pub batches: Arc<Gate>,
}

/// A handler's answer.
pub type Answer = Result<Response<ResponseBody>, ApiError>;

impl App {
    /// Answers one request.
    pub async fn handle(self: Arc<App>, req: Request<Incoming>) -> Response<ResponseBody> {
        let started = Instant::now();
        let (method, path) = (req.method().clone(), req.uri().path().to_string());
        // The language of an error that comes before the query is read (or instead).
        let lang = lang_asked(req.uri().query()).unwrap_or(self.settings.lang);
        let found = routes::find(&method, &path);
        let (route, answer) = match found {
            Found::Route(i) => (Some(i), self.route(ROUTES[i].id, req).await),
            Found::WrongMethod(i) => (
                Some(i),
                Err(ApiError::MethodNotAllowed {
                    path: path.clone(),
                    method: method.to_string(),
                    allowed: ROUTES[i].method,
                }),
            ),
            Found::NotFound => (None, Err(ApiError::NotFound(path.clone()))),
        };
        let mut response = answer.unwrap_or_else(|e| e.response(lang));
        if !response.headers().contains_key(POLICY_HASH_HEADER) {
            name_policy(&mut response, &self.policy.current().hash);
        }
        let latency = started.elapsed();
        self.metrics.request(route, response.status().as_u16(), latency);
        if self.settings.access_log {
            // The route and status only: never the query's values or the body.
            let shown = route.map_or("-", |i| ROUTES[i].path);
            let status = response.status().as_u16();
            eprintln!("{method} {shown} {status} {:.3}ms", latency.as_secs_f64() * 1e3);
        }
        response
    }

    async fn route(self: &Arc<App>, id: RouteId, req: Request<Incoming>) -> Answer {
        match id {
            RouteId::Decisions => handlers::decisions::decide(self, req).await,
            RouteId::Diff => handlers::diff::diff(self, req).await,
            RouteId::Batch => handlers::batch::batch(self, req).await,
            RouteId::Policy => handlers::info::policy(self, &req),
            RouteId::Schema => handlers::info::schema(self, &req),
            RouteId::OpenApi => handlers::info::openapi(self, &req),
            RouteId::Healthz => handlers::info::healthz(self, &req),
            RouteId::Metrics => handlers::info::metrics(self, &req),
            RouteId::Reload => handlers::admin::reload(self, req).await,
        }
    }

    /// Whether ID numbers are shown: only when asked and allowed; asked and not
    /// allowed is refused, never masked silently.
    pub fn show_pii(&self, asked: bool) -> Result<bool, ApiError> {
        match (asked, self.settings.allow_pii) {
            (true, false) => Err(ApiError::PiiNotAllowed),
            (asked, _) => Ok(asked),
        }
    }
}

/// `lang=` of a query, when it reads, whatever else the query holds.
fn lang_asked(query: Option<&str>) -> Option<Lang> {
    query?.split('&').find_map(|pair| match pair {
        "lang=zh" => Some(Lang::Zh),
        "lang=en" => Some(Lang::En),
        _ => None,
    })
}

/// Names the policy hash a response used.
pub fn name_policy(response: &mut Response<ResponseBody>, hash: &str) {
    if let Ok(value) = HeaderValue::from_str(hash) {
        response.headers_mut().insert(POLICY_HASH_HEADER, value);
    }
}

/// A response of `bytes` with a status, a content type and the policy hash used.
pub fn respond(status: StatusCode, content_type: &'static str, bytes: Vec<u8>, hash: &str) -> Response<ResponseBody> {
    let mut response = Response::new(crate::body::whole(bytes));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    name_policy(&mut response, hash);
    response
}
