//! `POST /v1/decisions:batch`: JSON Lines in, JSON Lines out, streamed (contract §5).
//! The library's batch engine runs on a blocking thread: it reads the request body as
//! it arrives, through [`BodyReader`], and writes each chunk of records, in input
//! order, into the response as it is done. A line that cannot be read is an error
//! record with its line and column in the body, and the batch goes on; a body past
//! the limits ends with one error record saying so.

use crate::app::{Answer, App, name_policy};
use crate::body::{ChannelBody, MediaType, body_type, declared_length};
use crate::decide::BODY_NAME;
use crate::errors::ApiError;
use crate::explain::Explain;
use crate::messages::ServeMsg;
use crate::query::{self, Param};
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response};
use std::io::{self, BufReader, Read, Write};
use std::sync::Arc;
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::mpsc;
use zhengce::batch::{self, BatchInput, BatchOptions, InputFormat};
use zhengce::input::InputLimits;
use zhengce::lang::{Lang, Text};
use zhengce::privacy::{MaskingWriter, Pii};
use zhengce::report::{RenderOptions, Trace};
use zhengce::run::Stage;

const PARAMS: &[Param] = &[Param::Lang, Param::Explain, Param::AsOf, Param::Pii];
const BATCH_TYPES: &str = "`application/x-ndjson` (JSON Lines)";
/// Chunks of records between the batch and the connection: the engine waits when the
/// client reads slower than it decides.
const CHUNKS_QUEUED: usize = 4;

/// Answers `POST /v1/decisions:batch`: the response starts at once and its records
/// follow as they are decided.
pub async fn batch(app: &Arc<App>, req: Request<Incoming>) -> Answer {
    let (parts, body) = req.into_parts();
    let q = query::parse(parts.uri.query(), PARAMS)?;
    let trace = match q.explain.unwrap_or(Explain::None) {
        Explain::None => Trace::Omitted,
        Explain::Full => Trace::Included,
        Explain::Brief => return Err(ApiError::BriefNotInBatch),
    };
    body_type(&parts.headers, &[MediaType::JsonLines], BATCH_TYPES)?;
    let settings = &app.settings;
    if declared_length(&parts.headers).is_some_and(|n| n > settings.batch_bytes) {
        return Err(ApiError::BodyTooLarge(settings.batch_bytes));
    }
    let show_pii = app.show_pii(q.show_pii)?;
    let pass = app
        .batches
        .enter()
        .ok_or(ApiError::TooManyBatches(app.batches.limit()))?;
    let snapshot = app.policy.current();
    let lang = q.lang.unwrap_or(settings.lang);
    let (tx, rx) = mpsc::channel::<Bytes>(CHUNKS_QUEUED);
    let handle = Handle::current();
    let reader = BodyReader {
        body,
        handle: handle.clone(),
        wait: settings.wait,
        left: Bytes::new(),
        read: 0,
        limit: settings.batch_bytes,
        lines: LineCount::new(settings.batch_cases),
        stop: None,
        ended: false,
        lang,
    };
    let options = BatchOptions {
        jobs: settings.batch_jobs.max(1),
        as_of: q.as_of,
        stage: Stage::Evaluate,
        render: RenderOptions {
            lang,
            show_pii,
            color: false,
            trace,
            ..RenderOptions::default()
        },
        limits: InputLimits {
            case_bytes: settings.case_bytes,
            ..InputLimits::default()
        },
    };
    let sink = ChannelWriter {
        tx,
        handle,
        wait: settings.wait,
    };
    let worker = app.clone();
    let job_snapshot = snapshot.clone();
    tokio::task::spawn_blocking(move || {
        let _pass = pass;
        let input = BatchInput {
            name: Arc::from(BODY_NAME),
            format: InputFormat::JsonLines,
            open: Box::new(move || Ok(Box::new(BufReader::with_capacity(1 << 16, reader)) as _)),
        };
        let mut out = MaskingWriter::new(sink, Pii::shown_if(show_pii));
        let s = &job_snapshot;
        let result = batch::run(vec![input], &s.versions, &s.sources, &options, &mut out, &mut |_| {});
        // A client that went away stops the batch here; its records are not wanted.
        let _ = out.flush();
        if let Ok(summary) = result {
            worker.metrics.batch(summary.evaluated, summary.errors);
        }
    });
    let mut response = Response::new(http_body_util::Either::Right(ChannelBody(rx)));
    let content_type = HeaderValue::from_static("application/x-ndjson");
    response.headers_mut().insert(CONTENT_TYPE, content_type);
    name_policy(&mut response, &snapshot.hash);
    Ok(response)
}

/// Why a batch's body stopped being read before its end.
#[derive(Debug, Clone, Copy)]
enum Stop {
    TooManyCases(u64),
    TooLarge(u64),
    Stalled(u64),
}

impl Stop {
    fn text(self) -> Text {
        match self {
            Stop::TooManyCases(n) => ServeMsg::BatchTooManyCases.with([n.to_string()]),
            Stop::TooLarge(n) => ServeMsg::BatchTooLarge.with([n.to_string()]),
            Stop::Stalled(n) => ServeMsg::BatchStalled.with([n.to_string()]),
        }
    }
}

/// The request body as a blocking reader, for the batch engine's reader thread: each
/// frame waited for within the time limit, and cut where the body passes its size or
/// its count of cases. What follows the cut is an error the engine records.
struct BodyReader {
    body: Incoming,
    handle: Handle,
    wait: Duration,
    /// The rest of the last frame.
    left: Bytes,
    /// Bytes taken so far.
    read: u64,
    limit: u64,
    lines: LineCount,
    stop: Option<Stop>,
    ended: bool,
    lang: Lang,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if !self.left.is_empty() {
                let n = buf.len().min(self.left.len());
                buf[..n].copy_from_slice(&self.left[..n]);
                self.left = self.left.slice(n..);
                return Ok(n);
            }
            if let Some(stop) = self.stop {
                return Err(io::Error::other(stop.text().get(self.lang).into_owned()));
            }
            if self.ended {
                return Ok(0);
            }
            let (wait, body) = (self.wait, &mut self.body);
            let frame = self
                .handle
                .block_on(async move { tokio::time::timeout(wait, body.frame()).await });
            let data = match frame {
                Err(_) => {
                    self.stop = Some(Stop::Stalled(wait.as_secs()));
                    continue;
                }
                Ok(None) => {
                    self.ended = true;
                    continue;
                }
                Ok(Some(Err(e))) => return Err(io::Error::other(e.to_string())),
                Ok(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) => data,
                    // Trailers: nothing a batch reads.
                    Err(_) => continue,
                },
            };
            let room = usize::try_from(self.limit.saturating_sub(self.read)).unwrap_or(usize::MAX);
            let mut keep = data.len();
            if keep > room {
                keep = room;
                self.stop = Some(Stop::TooLarge(self.limit));
            }
            if let Some(cut) = self.lines.cut(&data[..keep]) {
                keep = cut;
                self.stop = Some(Stop::TooManyCases(self.lines.max));
            }
            self.read += keep as u64;
            self.left = data.slice(..keep);
        }
    }
}

/// Counts the cases of a JSON Lines body as it passes (a line that is not blank is a
/// case, §5) and finds where the case after the last one allowed starts.
#[derive(Debug)]
struct LineCount {
    max: u64,
    started: u64,
    /// Whether the current line has anything but blanks yet.
    in_case: bool,
}

impl LineCount {
    fn new(max: u64) -> LineCount {
        LineCount {
            max,
            started: 0,
            in_case: false,
        }
    }

    /// Counts the cases begun in `bytes`; the offset where the line of the first one
    /// past the limit starts, if one begins here.
    fn cut(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut line_start = 0;
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                self.in_case = false;
                line_start = i + 1;
            } else if !self.in_case && !b.is_ascii_whitespace() {
                self.in_case = true;
                self.started += 1;
                if self.started > self.max {
                    return Some(line_start);
                }
            }
        }
        None
    }
}

/// The batch's output, sent to the response body a write at a time; a client that does
/// not read for the time limit (or went away) stops the batch.
struct ChannelWriter {
    tx: mpsc::Sender<Bytes>,
    handle: Handle,
    wait: Duration,
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let chunk = Bytes::copy_from_slice(buf);
        let (tx, wait) = (&self.tx, self.wait);
        match self.handle.block_on(async move { tx.send_timeout(chunk, wait).await }) {
            Ok(()) => Ok(buf.len()),
            Err(mpsc::error::SendTimeoutError::Timeout(_)) => Err(io::ErrorKind::TimedOut.into()),
            Err(mpsc::error::SendTimeoutError::Closed(_)) => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::LineCount;

    #[test]
    fn the_case_past_the_limit_is_cut_at_its_line_whatever_the_frames() {
        let body = b"{\"id\":1}\n\n  \n{\"id\":2}\r\n{\"id\":3}\n";
        let mut whole = LineCount::new(2);
        let cut = whole.cut(body);
        assert_eq!(cut, Some(body.len() - "{\"id\":3}\n".len()));
        // The same body a byte at a time.
        let mut bytewise = LineCount::new(2);
        let at = (0..body.len()).find(|i| bytewise.cut(&body[*i..*i + 1]).is_some());
        assert_eq!(at, Some(body.len() - "{\"id\":3}\n".len()));
        let mut enough = LineCount::new(3);
        assert_eq!(enough.cut(body), None);
    }
}
