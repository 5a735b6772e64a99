//! Request and response bodies: a request's body read whole within a size and a time
//! limit, what its content type says it holds, and a response body that is either
//! whole or streamed from a channel (a batch's records as they are written).

use crate::errors::ApiError;
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full, Limited};
use hyper::HeaderMap;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE};
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc;

/// A response's body: whole, or streamed.
pub type ResponseBody = http_body_util::Either<Full<Bytes>, ChannelBody>;

/// A whole body.
pub fn whole(bytes: impl Into<Bytes>) -> ResponseBody {
    http_body_util::Either::Left(Full::new(bytes.into()))
}

/// A body streamed from a channel: each message is a frame; it ends when every sender
/// is gone.
#[derive(Debug)]
pub struct ChannelBody(pub mpsc::Receiver<Bytes>);

impl Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|b| Ok(Frame::data(b))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

/// The length a request says its body has, if it says one that reads.
pub fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// Reads a request's whole body: at most `limit` bytes (413 past it, before reading
/// when its length is declared), within `wait` (408 past it).
pub async fn read_whole<B>(body: B, headers: &HeaderMap, limit: u64, wait: Duration) -> Result<Bytes, ApiError>
where
    B: Body<Data = Bytes>,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    if declared_length(headers).is_some_and(|n| n > limit) {
        return Err(ApiError::BodyTooLarge(limit));
    }
    let limited = Limited::new(body, usize::try_from(limit).unwrap_or(usize::MAX));
    match tokio::time::timeout(wait, limited.collect()).await {
        Err(_) => Err(ApiError::BodyTimeout(wait.as_secs())),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            Err(ApiError::BodyTooLarge(limit))
        }
        Ok(Err(e)) => Err(ApiError::BodyUnreadable(e.to_string())),
    }
}

/// What a request's content type says its body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// JSON (`application/json`, or no content type: what most clients send).
    Json,
    /// YAML (`application/yaml`, `application/x-yaml`, `text/yaml`, `text/x-yaml`).
    Yaml,
    /// JSON Lines (`application/x-ndjson`, `application/jsonl`, `application/json-lines`).
    JsonLines,
}

/// The media type of a request's body; `Err` with the type given when it is none of
/// these. No content type is JSON (and, for a batch, JSON Lines).
pub fn media_type(headers: &HeaderMap) -> Result<Option<MediaType>, String> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
    // Parameters (`; charset=utf-8`) say nothing the readers need: they read UTF-8 and
    // place any byte that is not.
    let essence = text.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Ok(Some(MediaType::Json)),
        "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => Ok(Some(MediaType::Yaml)),
        "application/x-ndjson" | "application/jsonl" | "application/json-lines" | "application/ndjson" => {
            Ok(Some(MediaType::JsonLines))
        }
        _ => Err(text),
    }
}

/// What a request's body holds, when its route reads that: `reads` are the types it
/// reads, the first taken when the request names none; any other is 415, naming the
/// types it takes (`takes`).
pub fn body_type(headers: &HeaderMap, reads: &[MediaType], takes: &'static str) -> Result<MediaType, ApiError> {
    let refused = |given: String| ApiError::UnsupportedMediaType { given, takes };
    match media_type(headers) {
        Ok(None) => Ok(reads[0]),
        Ok(Some(t)) if reads.contains(&t) => Ok(t),
        Ok(Some(_)) => {
            let given = headers
                .get(CONTENT_TYPE)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            Err(refused(given.unwrap_or_default()))
        }
        Err(given) => Err(refused(given)),
    }
}

/// Reads what is left of a body and lets it go, within `limit` bytes and `wait`: a
/// request answered before its body was read (503) leaves the connection ready for the
/// next request, rather than closed.
pub async fn drain<B>(body: B, limit: u64, wait: Duration)
where
    B: Body<Data = Bytes>,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let limited = Limited::new(body, usize::try_from(limit).unwrap_or(usize::MAX));
    let _ = tokio::time::timeout(wait, limited.collect()).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    #[test]
    fn content_types_are_read_by_their_essence() {
        let with = |t: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(CONTENT_TYPE, HeaderValue::from_static(t));
            media_type(&h)
        };
        assert_eq!(with("application/json; charset=utf-8"), Ok(Some(MediaType::Json)));
        assert_eq!(with("Application/YAML"), Ok(Some(MediaType::Yaml)));
        assert_eq!(with("application/x-ndjson"), Ok(Some(MediaType::JsonLines)));
        assert_eq!(with("text/csv"), Err("text/csv".to_string()));
        assert_eq!(media_type(&HeaderMap::new()), Ok(None));
    }

    #[test]
    fn a_route_reads_its_own_types_and_takes_the_first_when_none_is_named() {
        let reads = [MediaType::Json, MediaType::Yaml];
        assert!(matches!(body_type(&HeaderMap::new(), &reads, ""), Ok(MediaType::Json)));
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
        let refused = body_type(&h, &reads, "");
        assert!(
            matches!(refused, Err(ApiError::UnsupportedMediaType { given, .. }) if given == "application/x-ndjson")
        );
    }
}
