//! A YAML stream cut into documents before parsing: at its `---` lines (a marker at
//! the start of a line always starts a document in YAML 1.2). Each piece is checked
//! (size, bytes that were not UTF-8) and parsed on its own, so that memory follows
//! the largest document, not the file, and one bad document costs only itself.

use super::messages::YamlMsg;
use super::node::YamlDocument;
use super::parse::{is_marker, parse_piece};
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::source::{FileId, Span};

/// Parses every document of a YAML stream. Never panics; problems are diagnostics of
/// the document they occur in.
pub fn parse_documents(file: FileId, text: &str) -> Vec<YamlDocument> {
    documents(file, text, DocumentChecks::default()).collect()
}

/// What each document is checked for before it is parsed.
#[derive(Debug, Clone, Copy)]
pub struct DocumentChecks<'a> {
    /// The most bytes one document may have (its `---` line and comments included).
    pub max_bytes: usize,
    /// Sorted byte offsets of the bytes that were not UTF-8 (replaced in the text).
    pub invalid_bytes: &'a [usize],
}

impl Default for DocumentChecks<'_> {
    fn default() -> Self {
        DocumentChecks {
            max_bytes: usize::MAX,
            invalid_bytes: &[],
        }
    }
}

/// The documents of a YAML stream, one at a time: the text is cut at its `---` lines
/// (a marker at the start of a line always starts a document in YAML 1.2), and each
/// piece is checked, then parsed on its own, so memory follows the largest document,
/// not the file. A piece that is too large, or holds a byte that is not UTF-8, is one
/// document with an error at that place and is not parsed.
pub fn documents<'t>(
    file: FileId,
    text: &'t str,
    checks: DocumentChecks<'t>,
) -> impl Iterator<Item = YamlDocument> + 't {
    let mut pieces = pieces(text);
    let mut ready: std::vec::IntoIter<YamlDocument> = Vec::new().into_iter();
    std::iter::from_fn(move || {
        loop {
            if let Some(doc) = ready.next() {
                return Some(doc);
            }
            let (start, end) = pieces.next()?;
            ready = piece_documents(file, text, start, end, &checks).into_iter();
        }
    })
}

/// The documents of `text[start..end]`, one piece of the stream.
fn piece_documents(file: FileId, text: &str, start: usize, end: usize, checks: &DocumentChecks) -> Vec<YamlDocument> {
    let refused = |at: usize, len: usize, d: Diagnostic| {
        vec![YamlDocument::refused(
            d,
            Span::new(file, at, at + len),
            Span::new(file, start, end),
        )]
    };
    if end - start > checks.max_bytes {
        let d = case_too_large((end - start) as u64, checks.max_bytes);
        let first_line = text[start..end].find('\n').map_or(end - start, |i| i);
        return refused(start, first_line, d);
    }
    let bad = crate::input::first_invalid_in(checks.invalid_bytes, start, end);
    let mut docs = parse_piece(file, text, start, end);
    match bad {
        None => docs,
        // Parsed only for the case's id: none of it is read as facts.
        Some(bad) => {
            let d = not_utf8();
            if docs.is_empty() {
                return refused(bad, 1, d);
            }
            for doc in &mut docs {
                doc.complete = false;
                doc.diagnostics = vec![d.clone().at(Span::new(file, bad, bad + 1), Words::Here)];
            }
            docs
        }
    }
}

/// The error of a case over the size limit (unlocated).
pub fn case_too_large(size: u64, limit: usize) -> Diagnostic {
    Diagnostic::error(
        Code::CaseTooLarge,
        YamlMsg::CaseTooLarge.with([size.to_string(), limit.to_string()]),
    )
    .with_help(YamlMsg::HelpCaseTooLarge)
}

/// The error of a case holding a byte that is not UTF-8 (unlocated).
pub fn not_utf8() -> Diagnostic {
    Diagnostic::error(Code::InvalidUtf8, YamlMsg::NotUtf8).with_help(YamlMsg::HelpNotUtf8)
}

/// Cuts `text` into pieces that each start at a `---` line (or at the start).
fn pieces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut line_start = 0;
    std::iter::from_fn(move || {
        while start < text.len() {
            let rest = &text[line_start..];
            if line_start > start && is_marker(rest, "---") {
                let piece = (start, line_start);
                start = line_start;
                return Some(piece);
            }
            match rest.find('\n') {
                Some(i) => line_start += i + 1,
                None => {
                    let piece = (start, text.len());
                    start = text.len();
                    return Some(piece);
                }
            }
            if line_start >= text.len() {
                let piece = (start, text.len());
                start = text.len();
                return Some(piece);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_cut_before_each_marker_line_only() {
        let text = "a: 1\n---\nb: '---'\n  ---x\n--- # c\nc: 3";
        let cut: Vec<&str> = pieces(text).map(|(a, b)| &text[a..b]).collect();
        assert_eq!(cut, ["a: 1\n", "---\nb: '---'\n  ---x\n", "--- # c\nc: 3"]);
        assert_eq!(pieces("").count(), 0);
        assert_eq!(
            pieces("---\n").map(|(a, b)| &"---\n"[a..b]).collect::<Vec<_>>(),
            ["---\n"]
        );
    }
}
