//! What the fuzz targets share: the built-in policy, loaded once per process; a case
//! file evaluated against it; the invariants of a result; and the PII oracle at the
//! output boundary.
//!
//! The oracle: everything a target writes goes through the boundary the command line
//! writes through (a [`Console`], whose writers mask ID numbers as [`Pii::Mask`]`.apply`
//! does), and what comes out must hold no ID-shaped run ([`id_shaped_runs`]); nor an ID
//! of the input cut in two by a line break (a wrapped message) or a colour sequence,
//! which a reader would still see whole. Either is a crash.

pub mod targets;

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
    assert!(
        !versions.is_empty(),
        "the built-in policy does not check: {:#?}",
        loaded.diagnostics
    );
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

/// Loads and evaluates every case of the file `bytes` (as read from disk: not
/// necessarily UTF-8) against the built-in policy. Returns the source map the results
/// point into, and the results (each checked by [`check_result`]).
pub fn run_cases(name: &str, bytes: &[u8], missing_date: MissingDate) -> (SourceMap, Vec<CaseResult>) {
    let builtin = &*BUILTIN;
    // A copy of the built-in policy's map (five entries whose texts are shared, so it
    // costs little): the case file is added to the copy, and nothing grows from one
    // input to the next.
    let mut sources = builtin.sources.clone();
    let mut runner = Runner::with_versions(&builtin.versions, None, missing_date);
    let results = runner.run_file(&mut sources, name, bytes);
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

/// Writes `text` to standard output (masked by the console's writer, as `Pii::Mask`
/// applies it).
pub fn out(console: &mut Console, text: &str) {
    console.out(text);
}

/// Writes `text` to standard error (masked by the console's writer).
pub fn err(console: &mut Console, text: &str) {
    console.err(text);
}

/// The oracle: no ID-shaped run in `output`, nor an ID of `input` that a line break
/// or a colour sequence cuts in two.
pub fn assert_no_id(what: &str, output: &[u8], input: &[u8]) {
    if let Some(run) = id_shaped_runs(output).next() {
        panic!(
            "PII oracle: {what} shows the ID-shaped run `{}` at byte {}: …{}…",
            String::from_utf8_lossy(&output[run.clone()]),
            run.start,
            excerpt(output, run.clone())
        );
    }
    if let Some((id, at)) = cut_id(output, input) {
        panic!(
            "PII oracle: {what} shows the ID `{id}` of the input cut by a line break or a colour: …{:?}…",
            excerpt(output, at..at)
        );
    }
}

/// What may stand between the two halves of a cut ID, besides spaces: the frame and
/// the markers miette draws at the start of a line (in UTF-8).
const FRAME: &[&str] = &[
    "│", "·", "┆", "╎", "┃", "|", "╭", "╰", "├", "─", "╯", "╮", "×", "⚠", "☞", "‽",
];

/// An ID of `input` that `output` shows in two pieces of digits: one that ends a line
/// (or stops at a colour sequence), and one after the break, the indentation, the
/// frame and colour sequences. Looked for only where a digit stands before a break, so
/// that the oracle costs little.
fn cut_id(output: &[u8], input: &[u8]) -> Option<(String, usize)> {
    if input.is_empty() {
        return None;
    }
    let mut at = 0;
    while let Some(found) = output[at..].iter().position(|b| *b == b'\n' || *b == 0x1b) {
        let brk = at + found;
        at = brk + 1;
        let before = output[..brk].iter().rev().take_while(|b| b.is_ascii_digit()).count();
        if before == 0 {
            continue;
        }
        let after = skip_frame(output, brk);
        let digits = output[after..].iter().take_while(|b| b.is_ascii_digit()).count();
        // Line numbers in miette's gutter, before or after the break, are not digits of
        // the text beside them.
        if digits == 0 || is_gutter(&output[brk..]) || is_gutter(&output[after + digits..]) {
            continue;
        }
        let mut id = output[brk - before..brk].to_vec();
        id.extend_from_slice(&output[after..after + digits]);
        if let Some(b'X' | b'x') = output.get(after + digits) {
            id.push(output[after + digits]);
        }
        // An ID of the input (a whole ID-shaped run of it, not part of a longer number),
        // not shown cut the way the input itself cuts it: an echo of what was typed, or
        // digits the input parts with blanks where the text is wrapped (a line break and
        // an indent for the blanks: on one line, they would not be an ID either).
        let of_input = id_shaped_runs(input).any(|run| input[run] == id[..]);
        let shown = &output[brk - before..after + digits];
        let (first, second) = (&output[brk - before..brk], &output[after..after + digits]);
        if of_input && !input.windows(shown.len()).any(|w| w == shown) && !parted_by_blanks(input, first, second) {
            return Some((String::from_utf8_lossy(&id).into_owned(), brk));
        }
    }
    None
}

/// Whether `input` has `first`, blanks, then `second`.
fn parted_by_blanks(input: &[u8], first: &[u8], second: &[u8]) -> bool {
    input.windows(first.len()).enumerate().any(|(i, w)| {
        let rest = &input[i + first.len()..];
        let blanks = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        w == first && blanks > 0 && rest[blanks..].starts_with(second)
    })
}

/// Whether digits followed by `rest` are a line number in miette's gutter
/// (` 47 │ …`), not the rest of a number on the line before.
fn is_gutter(mut rest: &[u8]) -> bool {
    // Past the colour sequence that ends a dimmed line number.
    while rest.first() == Some(&0x1b) {
        match rest.iter().take(24).position(|b| *b == b'm') {
            Some(end) => rest = &rest[end + 1..],
            None => break,
        }
    }
    [" │", " ·", " ┆", " ╎"].iter().any(|g| rest.starts_with(g.as_bytes()))
}

/// The index after a break at `at` and what follows it: newlines, spaces, the frame,
/// colour sequences (`ESC [ … m`).
fn skip_frame(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        let rest = &bytes[at..];
        if matches!(rest[0], b'\n' | b' ' | b'\t' | b'\r') {
            at += 1;
        } else if rest[0] == 0x1b {
            let end = rest.iter().take(24).position(|b| *b == b'm');
            at += end.map_or(1, |e| e + 1);
        } else if let Some(f) = FRAME.iter().find(|f| rest.starts_with(f.as_bytes())) {
            at += f.len();
        } else {
            break;
        }
    }
    at
}

fn excerpt(bytes: &[u8], run: std::ops::Range<usize>) -> String {
    let start = run.start.saturating_sub(80);
    let end = (run.end + 80).min(bytes.len());
    String::from_utf8_lossy(&bytes[start..end]).into_owned()
}

/// The batch's fast path for a JSON line against the located loader: when the fast
/// path reads a line, it must read the case the located loader reads, without a
/// diagnostic, and find every field where the located loader's spans put it.
pub fn check_fast_path(program: &Program, paths: &[Vec<u16>], line: &str) {
    use zhengce::case::{load_document, read_json_line};
    use zhengce::source::FileId;
    let file = FileId(0);
    let text: std::sync::Arc<str> = std::sync::Arc::from(line);
    let Some(fast) = read_json_line(program, file, &text) else {
        return;
    };
    let located = load_document(program, file, zhengce::yaml::parse_json_document(file, line));
    assert!(
        located.diagnostics.is_empty(),
        "the fast path read a line with diagnostics: {:?}",
        located.diagnostics
    );
    assert_eq!(fast.id, located.id);
    assert_eq!(fast.id_span, located.id_span);
    assert_eq!(fast.as_of, located.as_of);
    assert_eq!(fast.facts, located.facts);
    for path in paths {
        assert_eq!(
            fast.nearest_span(program, path),
            located.nearest_span(program, path),
            "field {path:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &[u8] = b"430102197503101234";

    #[test]
    fn an_id_cut_by_a_wrapped_line_or_a_colour_is_found() {
        let input = b"id: x430102197503101234";
        let wrapped = "  × case id `x4301021975\n  │ 03101234` is used\n".as_bytes();
        assert_eq!(
            cut_id(wrapped, input).map(|(id, _)| id).as_deref(),
            Some("430102197503101234")
        );
        let coloured = b"id 43010219\x1b[1m7503101234\x1b[0m";
        assert_eq!(
            cut_id(coloured, input).map(|(id, _)| id).as_deref(),
            Some("430102197503101234")
        );
        assert!(std::panic::catch_unwind(|| assert_no_id("out", ID, b"")).is_err());
    }

    #[test]
    fn numbers_that_are_no_id_of_the_input_pass() {
        let input = b"id: x430102197503101234";
        // Masked, a date, line numbers after a number that ends a line.
        let output = "430102********1234\n 2025-09-01\n  12345678\n  12 │ 3456789\n".as_bytes();
        assert_eq!(cut_id(output, input), None);
        // A line that ends in digits, and the next line's number in the gutter.
        let input = b"# 4301021985091047 and # 43010219850910";
        let output = " 46 │ # 43010219850910\n 47 │ employment:\n".as_bytes();
        assert_eq!(cut_id(output, input), None);
        let output = " \x1b[2m46\x1b[0m │ # 43010219850910\n \x1b[2m47\x1b[0m │ e\n".as_bytes();
        assert_eq!(cut_id(output, input), None);
        // A line number, then the line's text starting with digits.
        let input = b"x 681101054912312 y";
        let output = " \x1b[2m68\x1b[0m │ |1101054912312m0t\n".as_bytes();
        assert_eq!(cut_id(output, input), None);
        assert_no_id("out", output, input);
        // Part of a longer number of the input; an echo of a number typed over two lines.
        let input = b"set o= {3010219750310123;0102\n19750310123";
        assert_eq!(cut_id(b"`{3010219750310123;0102\n19750310123`", input), None);
        let input = b"x 0102\n19750310123 y 010219750310123";
        assert_eq!(cut_id(b"x 0102\n19750310123 y 010219********0123", input), None);
        // Digits the input parts with blanks, wrapped at the blanks (the case-id line of
        // a report); the same digits cut where the input has none are still found.
        let input = b"id: s4301021          97503101\nid: 430102197503101";
        assert_eq!(cut_id("案件 s4301021\n  97503101 评估日".as_bytes(), input), None);
        let input = b"id: s4301021x97503101\nid: 430102197503101";
        assert!(cut_id("案件 s4301021\n  97503101 评估日".as_bytes(), input).is_some());
    }
}
