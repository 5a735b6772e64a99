//! One case of a request body, read and decided on the library's own path: a JSON body
//! as a batch reads a JSON line (the fast reader, else the located one), a YAML body as
//! `zhengce eval` reads a file; evaluated by the runner with the version in force on its
//! date (or the version asked for), and written as the §4 record.

use crate::explain::{Explain, brief_record};
use crate::policy::PolicySnapshot;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::sync::Arc;
use zhengce::case::{load_document, read_json_line};
use zhengce::lang::Lang;
use zhengce::program::Program;
use zhengce::report::{RenderOptions, Trace, write_decision_json};
use zhengce::run::{CaseResult, MissingDate, Runner, Stage, Status};
use zhengce::source::SourceMap;
use zhengce::value::Value;
use zhengce::yaml::parse_json_document;

/// The name of a request body in diagnostics (where a file's name stands in the CLI's).
pub const BODY_NAME: &str = "<request>";

/// How a case in a request body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseFormat {
    /// One JSON object (the §2 schema as JSON, as a batch line is).
    Json,
    /// One YAML document (§2).
    Yaml,
}

/// Which date and version a case is decided on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Side {
    /// The evaluation date, which wins over the case's `as_of` (as `--as-of` does).
    pub as_of: Option<NaiveDate>,
    /// The index of the policy version to use; `None`: the one in force on the date.
    pub version: Option<usize>,
}

/// How the record is written.
#[derive(Debug, Clone, Copy)]
pub struct RecordOptions {
    /// How much of the explanation it carries.
    pub explain: Explain,
    /// The language of its words.
    pub lang: Lang,
    /// ID numbers in full (the request asked and the server allows it).
    pub show_pii: bool,
}

/// A body that does not hold exactly one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotOneCase {
    /// Nothing but blanks or comments.
    #[error("the body holds no case")]
    Empty,
    /// More than one YAML document (the count).
    #[error("the body holds {0} cases")]
    Several(usize),
}

/// A decided case: its record and what the metrics count of it.
#[derive(Debug)]
pub struct Decided {
    /// The §4 record, one line of JSON (ID numbers masked unless shown).
    pub record: Vec<u8>,
    /// Whether the case was evaluated without error.
    pub ok: bool,
    /// The decision's yes/no fields and their values.
    pub yes_no: Vec<(Arc<str>, bool)>,
}

thread_local! {
    /// This thread's copy of the policy's files, by snapshot generation, to which each
    /// request's case is added and then taken away: a copy per request would cost more
    /// than the decision.
    static SOURCES: RefCell<Option<(u64, SourceMap)>> = const { RefCell::new(None) };
}

/// Runs `f` with a source map holding the snapshot's files (and whatever `f` adds,
/// which is taken away after).
pub fn with_sources<R>(snapshot: &PolicySnapshot, f: impl FnOnce(&mut SourceMap) -> R) -> R {
    SOURCES.with(|cell| {
        let mut slot = cell.borrow_mut();
        if !matches!(&*slot, Some((generation, _)) if *generation == snapshot.generation) {
            *slot = None;
        }
        let (_, sources) = slot.get_or_insert_with(|| (snapshot.generation, snapshot.sources.clone()));
        let out = f(sources);
        sources.truncate(snapshot.sources.len());
        out
    })
}

/// The versions a side is decided with: all (the one in force on the date is picked),
/// or the one asked for.
pub fn versions_of(snapshot: &PolicySnapshot, side: Side) -> &[Program] {
    match side.version.and_then(|k| snapshot.versions.get(k)) {
        Some(version) => std::slice::from_ref(version),
        None => &snapshot.versions,
    }
}

/// Reads the one case of `body` and decides it on `side`.
pub fn evaluate(
    versions: &[Program],
    sources: &mut SourceMap,
    body: &[u8],
    format: CaseFormat,
    side: Side,
    case_bytes: u64,
) -> Result<CaseResult, NotOneCase> {
    let mut runner = Runner::with_versions(versions, side.as_of, MissingDate::Error);
    runner.limits.case_bytes = case_bytes;
    // Cases are read with the latest schema, as the runner reads them.
    let latest = &versions[versions.len() - 1];
    if format == CaseFormat::Json
        && let Ok(text) = std::str::from_utf8(body.trim_ascii_end())
    {
        if text.trim().is_empty() {
            return Err(NotOneCase::Empty);
        }
        let file = sources.add(BODY_NAME, Arc::<str>::from(text));
        let text = sources.get(file).text.clone();
        let case = read_json_line(latest, file, &text)
            .unwrap_or_else(|| load_document(latest, file, parse_json_document(file, &text)));
        return Ok(runner.evaluate_case(case, None, Stage::Evaluate));
    }
    // YAML, and JSON with bytes that are not UTF-8 (the YAML reader places each such
    // byte; JSON is YAML's flow syntax), as `zhengce eval` reads a file.
    let file = runner.add_file(sources, BODY_NAME, body.to_vec());
    let mut results = runner.results(&file);
    let first = results.next().ok_or(NotOneCase::Empty)?;
    match results.count() {
        0 => Ok(first),
        more => Err(NotOneCase::Several(more + 1)),
    }
}

/// The record of a decided case, with what the metrics count.
pub fn record(r: &CaseResult, versions: &[Program], sources: &SourceMap, options: RecordOptions) -> Decided {
    let program = &versions[r.version];
    let render = RenderOptions {
        lang: options.lang,
        show_pii: options.show_pii,
        trace: match options.explain {
            Explain::Full => Trace::Included,
            Explain::None | Explain::Brief => Trace::Omitted,
        },
        ..RenderOptions::default()
    };
    let mut record = match options.explain {
        Explain::Brief => brief_record(r, program, sources, &render),
        Explain::None | Explain::Full => {
            let mut out = Vec::with_capacity(2048);
            write_decision_json(&mut out, r, program, sources, &render);
            out
        }
    };
    if !options.show_pii
        && let std::borrow::Cow::Owned(masked) = zhengce::privacy::mask_bytes(&record)
    {
        record = masked;
    }
    let yes_no = match &r.decision {
        Some(d) => d
            .named_outputs(program)
            .filter_map(|(name, v)| match v {
                Value::Bool(b) => Some((name.into(), *b)),
                _ => None,
            })
            .collect(),
        None => Vec::new(),
    };
    Decided {
        record,
        ok: r.status == Status::Ok,
        yes_no,
    }
}
