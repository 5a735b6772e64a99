//! Every answer that is not a decision: a typed error with its HTTP status, a stable
//! code for machines and a message in the language asked for, as one JSON object
//! `{"error": {"status", "code", "message"}}`.

use crate::body::{ResponseBody, whole};
use crate::decide::NotOneCase;
use crate::messages::ServeMsg;
use crate::query::QueryError;
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use hyper::{Response, StatusCode};
use serde_json::{Value as Json, json};
use zhengce::lang::{Lang, Text};

/// Why a request was not answered with a decision.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No route has this path.
    #[error("no such route: {0}")]
    NotFound(String),
    /// The route takes other methods.
    #[error("{path} does not take {method}")]
    MethodNotAllowed {
        /// The path asked.
        path: String,
        /// The method used.
        method: String,
        /// The methods the route takes, for the `Allow` header.
        allowed: &'static str,
    },
    /// The body is over its limit (in bytes).
    #[error("the body is over {0} bytes")]
    BodyTooLarge(u64),
    /// The body could not be read (the transport's words).
    #[error("cannot read the body: {0}")]
    BodyUnreadable(String),
    /// The body did not arrive in time (seconds).
    #[error("the body did not arrive within {0} s")]
    BodyTimeout(u64),
    /// A content type the route does not read.
    #[error("unsupported content type {given}")]
    UnsupportedMediaType {
        /// The type given.
        given: String,
        /// The types the route takes, as written in its message.
        takes: &'static str,
    },
    /// The query does not read.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// `pii=show` on a server started without `--allow-pii`.
    #[error("ID numbers asked for without --allow-pii")]
    PiiNotAllowed,
    /// The body holds no case, or several.
    #[error(transparent)]
    NotOneCase(#[from] NotOneCase),
    /// As many decisions are in progress as the server takes (the limit).
    #[error("overloaded: {0} in progress")]
    Overloaded(usize),
    /// As many batches are running as the server takes (the limit).
    #[error("{0} batches running")]
    TooManyBatches(usize),
    /// `explain=brief` asked of a batch.
    #[error("explain=brief in a batch")]
    BriefNotInBatch,
    /// A reload asked with no token.
    #[error("no admin token given")]
    AdminTokenMissing,
    /// A reload asked with a wrong token.
    #[error("wrong admin token")]
    AdminTokenWrong,
    /// A reload over HTTP on a server with no token.
    #[error("reload over HTTP is off")]
    ReloadDisabled,
    /// The policy files have errors: not put in force.
    #[error("the policy has {errors} errors")]
    ReloadRefused {
        /// How many errors.
        errors: usize,
        /// The hash still in force.
        hash: String,
        /// The diagnostics as §4 diagnostic objects.
        diagnostics: Vec<Json>,
    },
    /// A policy version that is not one of the policy's.
    #[error("no version {given}")]
    UnknownVersion {
        /// The id given.
        given: String,
        /// The ids there are.
        known: String,
    },
    /// Something the server did not expect (a task that did not finish).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BodyUnreadable(_)
            | ApiError::Query(_)
            | ApiError::BriefNotInBatch
            | ApiError::UnknownVersion { .. } => StatusCode::BAD_REQUEST,
            ApiError::PiiNotAllowed | ApiError::ReloadDisabled => StatusCode::FORBIDDEN,
            ApiError::AdminTokenMissing | ApiError::AdminTokenWrong => StatusCode::UNAUTHORIZED,
            ApiError::NotOneCase(_) | ApiError::ReloadRefused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Overloaded(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::TooManyBatches(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable code for machines.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::BodyTooLarge(_) => "body_too_large",
            ApiError::BodyUnreadable(_) => "body_unreadable",
            ApiError::BodyTimeout(_) => "body_timeout",
            ApiError::UnsupportedMediaType { .. } => "unsupported_media_type",
            ApiError::Query(_) => "bad_query",
            ApiError::PiiNotAllowed => "pii_not_allowed",
            ApiError::NotOneCase(NotOneCase::Empty) => "no_case",
            ApiError::NotOneCase(NotOneCase::Several(_)) => "several_cases",
            ApiError::Overloaded(_) => "overloaded",
            ApiError::TooManyBatches(_) => "too_many_batches",
            ApiError::BriefNotInBatch => "brief_not_in_batch",
            ApiError::AdminTokenMissing => "admin_token_missing",
            ApiError::AdminTokenWrong => "admin_token_wrong",
            ApiError::ReloadDisabled => "reload_disabled",
            ApiError::ReloadRefused { .. } => "policy_has_errors",
            ApiError::UnknownVersion { .. } => "unknown_version",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The message, in both languages.
    pub fn text(&self) -> Text {
        let n = |v: &dyn ToString| Text::from(v.to_string());
        match self {
            ApiError::NotFound(path) => ServeMsg::NotFound.with([path.as_str()]),
            ApiError::MethodNotAllowed { path, method, allowed } => {
                ServeMsg::MethodNotAllowed.with([path.as_str(), method.as_str(), *allowed])
            }
            ApiError::BodyTooLarge(limit) => ServeMsg::BodyTooLarge.with([n(limit)]),
            ApiError::BodyUnreadable(why) => ServeMsg::BodyUnreadable.with([why.as_str()]),
            ApiError::BodyTimeout(secs) => ServeMsg::BodyTimeout.with([n(secs)]),
            ApiError::UnsupportedMediaType { given, takes } => {
                ServeMsg::UnsupportedMediaType.with([given.as_str(), *takes])
            }
            ApiError::Query(e) => e.text(),
            ApiError::PiiNotAllowed => ServeMsg::PiiNotAllowed.into(),
            ApiError::NotOneCase(NotOneCase::Empty) => ServeMsg::NoCase.into(),
            ApiError::NotOneCase(NotOneCase::Several(k)) => ServeMsg::SeveralCases.with([n(k)]),
            ApiError::Overloaded(limit) => ServeMsg::Overloaded.with([n(limit)]),
            ApiError::TooManyBatches(limit) => ServeMsg::TooManyBatches.with([n(limit)]),
            ApiError::BriefNotInBatch => ServeMsg::BriefNotInBatch.into(),
            ApiError::AdminTokenMissing => ServeMsg::AdminTokenMissing.into(),
            ApiError::AdminTokenWrong => ServeMsg::AdminTokenWrong.into(),
            ApiError::ReloadDisabled => ServeMsg::ReloadDisabled.into(),
            ApiError::ReloadRefused { errors, hash, .. } => ServeMsg::ReloadRefused.with([n(errors), n(hash)]),
            ApiError::UnknownVersion { given, known } => {
                ServeMsg::UnknownVersion.with([given.as_str(), known.as_str()])
            }
            ApiError::Internal(what) => ServeMsg::Internal.with([what.as_str()]),
        }
    }

    /// The response: the error object, in `lang`, with the headers its status calls for.
    pub fn response(&self, lang: Lang) -> Response<ResponseBody> {
        let mut error = json!({
            "status": self.status().as_u16(),
            "code": self.code(),
            "message": self.text().get(lang),
        });
        if let ApiError::ReloadRefused { diagnostics, .. } = self {
            error["diagnostics"] = Json::Array(diagnostics.clone());
        }
        let mut body = serde_json::to_vec(&json!({ "error": error })).unwrap_or_default();
        body.push(b'\n');
        // Error messages quote what the request gave (a path, a value): masked like
        // everything else the server writes.
        let body = zhengce::privacy::mask_bytes(&body).into_owned();
        let mut response = Response::new(whole(body));
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        match self {
            ApiError::MethodNotAllowed { allowed, .. } => {
                headers.insert(ALLOW, HeaderValue::from_static(allowed));
            }
            ApiError::Overloaded(_) | ApiError::TooManyBatches(_) => {
                headers.insert(RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}
