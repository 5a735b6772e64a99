//! What the fuzz targets share: the built-in policy, loaded once per process; a case
//! file evaluated against it; the invariants of a result; and the PII oracle at the
//! output boundary.
//!
//! The oracle: everything a target writes goes through the boundary the command line
//! writes through (a [`Console`], whose writers mask ID numbers, and
//! [`Pii::Mask`]`.apply` for each piece of text), and what comes out must hold no
//! ID-shaped run ([`id_shaped_runs`]); nor an ID of the input cut in two by a line
//! break (a wrapped message), which a reader would still see whole. Either is a crash.

use std::sync::LazyLock;
use zhengce::cli::Console;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::privacy::{Pii, id_shaped_runs};
use zhengce::program::Program;
use zhengce::run::{CaseResult, MissingDate, Runner, Status};
use zhengce::source::SourceMap;

/// The built-in policy, checked.
pub struct Builtin {
    /// Its files (three policy files, two calendars).
    pub sources: SourceMap,
    /// Its versions, oldest first.
    pub versions: Vec<Program>,
}

/// The built-in policy, loaded on first use: once per process, never per input.
pub static BUILTIN: LazyLock<Builtin> = LazyLock::new(|| {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    assert!(!versions.is_empty(), "the built-in policy does not check: {:#?}", loaded.diagnostics);
    Builtin {
        sources: loaded.sources,
        versions,
    }
});

/// The evaluation date `eval` takes from the clock when a case gives none; fixed here,
/// so that a run is reproducible.
pub fn today() -> MissingDate {
    MissingDate::Today(zhengce::syntax::parse_date_text("2025-09-01").expect("a date"))
}

/// Loads and evaluates every case of the file `text` against the built-in policy.
/// Returns the source map the results point into, and the results (each checked by
/// [`check_result`]).
pub fn run_cases(name: &str, text: &str, missing_date: MissingDate) -> (SourceMap, Vec<CaseResult>) {
    let builtin = &*BUILTIN;
    // A copy of the built-in policy's map (five entries whose texts are shared, so it
    // costs little): the case file is added to the copy, and nothing grows from one
    // input to the next.
    let mut sources = builtin.sources.clone();
    let mut runner = Runner::with_versions(&builtin.versions, None, missing_date);
    let results = runner.run_file(&mut sources, name, text);
    for r in &results {
        check_result(r);
    }
    (sources, results)
}

/// A result is evaluated with no error, or not evaluated and says why: `Ok` has a
/// decision and no error diagnostic; `Error` has at least one error diagnostic
/// ("every problem in a case file is a diagnostic").
pub fn check_result(r: &CaseResult) {
    let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
    match r.status {
        Status::Ok => assert!(
            r.decision.is_some() && errors == 0,
            "a case marked ok has no decision or has errors: {:#?}",
            r.diagnostics
        ),
        Status::Error => assert!(
            errors > 0,
            "a case that was not evaluated has no error diagnostic: {:#?}",
            r.diagnostics
        ),
    }
}

/// Runs `f` with a console that captures standard output and error, as the command line
/// writes them (`--show-pii` not given); then applies the oracle to what was written.
/// `input` is the fuzz input, in which the oracle looks for IDs cut by a line break.
pub fn with_console(input: &[u8], f: impl FnOnce(&mut Console)) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    {
        let mut console = Console::captured(&mut out, &mut err, Pii::Mask);
        f(&mut console);
    }
    assert_no_id("standard output", &out, input);
    assert_no_id("standard error", &err, input);
}

/// Writes `text` to standard output, after checking it through [`Pii::Mask`] on its own.
pub fn out(console: &mut Console, text: &str) {
    check_masked(text);
    console.out(text);
}

/// Writes `text` to standard error, after checking it through [`Pii::Mask`] on its own.
pub fn err(console: &mut Console, text: &str) {
    check_masked(text);
    console.err(text);
}

/// The text masked as the boundary masks it: the same length, and no ID-shaped run.
fn check_masked(text: &str) {
    let masked = Pii::Mask.apply(text);
    assert_eq!(masked.len(), text.len(), "masking changed the length of the text");
    assert_no_id("a text masked with Pii::Mask", masked.as_bytes(), &[]);
}

/// The oracle: no ID-shaped run in `output`, nor an ID of `input` that a line break
/// cuts in two.
pub fn assert_no_id(what: &str, output: &[u8], input: &[u8]) {
    if let Some(run) = id_shaped_runs(output).next() {
        panic!(
            "PII oracle: {what} shows the ID-shaped run `{}` at byte {}: …{}…",
            String::from_utf8_lossy(&output[run.clone()]),
            run.start,
            excerpt(output, run.clone())
        );
    }
    if let Some(id) = wrapped_id(output, input) {
        panic!("PII oracle: {what} shows the ID `{id}` of the input cut by a line break");
    }
}

/// What a line break in drawn output is followed by before the text goes on: the
/// indentation, miette's frame and markers.
const FRAME: &[char] = &[
    '│', '·', '┆', '╎', '┃', '|', '╭', '╰', '├', '─', '╯', '╮', '×', '⚠', '☞', '‽',
];

/// An ID-shaped run of `input` that `output` shows with a line break (and the frame of
/// the next line) inside it.
fn wrapped_id(output: &[u8], input: &[u8]) -> Option<String> {
    if input.is_empty() || !output.contains(&b'\n') {
        return None;
    }
    let text = String::from_utf8_lossy(output);
    let mut joined = String::with_capacity(text.len());
    let mut joins = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            while chars
                .next_if(|c| (c.is_whitespace() && *c != '\n') || FRAME.contains(c))
                .is_some()
            {}
            joins.push(joined.len());
        } else {
            joined.push(c);
        }
    }
    let joined = joined.as_bytes();
    id_shaped_runs(joined)
        .filter(|run| joins.iter().any(|&j| run.start < j && j < run.end))
        .map(|run| &joined[run])
        .find(|id| input.windows(id.len()).any(|w| w == *id))
        .map(|id| String::from_utf8_lossy(id).into_owned())
}

fn excerpt(bytes: &[u8], run: std::ops::Range<usize>) -> String {
    let start = run.start.saturating_sub(80);
    let end = (run.end + 80).min(bytes.len());
    String::from_utf8_lossy(&bytes[start..end]).into_owned()
}
