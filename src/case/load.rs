//! Loading case files: each YAML document is one case, read against the policy's case
//! schema. The envelope keys `id`, `as_of` and `expect` are the loader's own; every
//! other top-level key is a field of the schema's root record.

use super::derive;
use super::line_spans::{self, JsonLine};
use super::messages::{CaseMsg, EnvelopeMsg};
use super::record::{KeyPath, Place, Reader};
use super::scalar::{Core, describe, parse_date, resolve};
use super::spans::{CaseSpans, SpanNode};
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::program::Program;
use crate::source::{FileId, SourceMap, Span};
use crate::value::Value;
use crate::yaml::{DocumentChecks, documents};
use crate::yaml::{YamlDocument, YamlKind, YamlNode};
use chrono::NaiveDate;

/// The top-level keys the loader reads itself rather than the schema.
pub const ENVELOPE_KEYS: [&str; 3] = ["id", "as_of", "expect"];

/// One case (one YAML document) as loaded.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    /// The file it was read from.
    pub file: FileId,
    /// The whole document.
    pub span: Span,
    /// The case id (`id:`); a number is read as its text. `None` when missing or bad.
    pub id: Option<String>,
    /// Where the id's value is written.
    pub id_span: Option<Span>,
    /// The evaluation date the case gives (`as_of:`).
    pub as_of: Option<NaiveDate>,
    /// The `expect:` mapping, unread, for the test runner.
    pub expect: Option<YamlNode>,
    /// The facts: a [`Value::Record`] of the schema's root record, derived fields filled
    /// in. `None` when the case has any error.
    pub facts: Option<Value>,
    /// Every problem found in the case.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each value was written (empty for a case the fast path read from a JSON
    /// line: see `json_line`).
    pub spans: CaseSpans,
    /// The JSON line the case was read from by the fast path, which keeps no spans:
    /// they are found in it when a diagnostic needs one ([`LoadedCase::nearest_span`]).
    pub json_line: Option<JsonLine>,
}

impl LoadedCase {
    /// A case with nothing in it, for a file that could not be read.
    pub fn empty(file: FileId) -> LoadedCase {
        LoadedCase {
            file,
            span: Span::new(file, 0, 0),
            id: None,
            id_span: None,
            as_of: None,
            expect: None,
            facts: None,
            diagnostics: Vec::new(),
            spans: CaseSpans::default(),
            json_line: None,
        }
    }

    /// The best place to point at for the value at `path` (field indices from the case
    /// root), as [`CaseSpans::nearest_span`] says.
    pub fn nearest_span(&self, program: &Program, path: &[u16]) -> Option<Span> {
        let indices = path.iter().map(|i| *i as usize);
        let Some(line) = &self.json_line else {
            return self.spans.nearest_span(indices);
        };
        line_spans::nearest_span(program, self.file, line, path)
            .or_else(|| line_spans::located_spans(program, self.file, &line.text).nearest_span(indices))
    }

    /// Whether any diagnostic is an error (then `facts` is `None`).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Adds a case file to `sources` and loads every case in it. One bad document never
/// stops the others; empty documents (only comments, or a trailing `---`) are skipped.
pub fn load_cases(program: &Program, sources: &mut SourceMap, file_name: &str, text: &str) -> Vec<LoadedCase> {
    let file = sources.add(file_name, text);
    load_file(program, file, text)
}

/// Loads every case of a file already in the source map (`text` is its text).
pub fn load_file(program: &Program, file: FileId, text: &str) -> Vec<LoadedCase> {
    cases(program, file, text, DocumentChecks::default()).collect()
}

/// The cases of a file already in the source map, read one document at a time (each
/// checked first, see [`documents`]), so that a file of many cases is never held as
/// trees all at once.
pub fn cases<'t>(
    program: &'t Program,
    file: FileId,
    text: &'t str,
    checks: DocumentChecks<'t>,
) -> impl Iterator<Item = LoadedCase> + 't {
    documents(file, text, checks)
        .filter(|doc| !(doc.complete && doc.diagnostics.is_empty() && is_empty_document(&doc.root)))
        .map(move |doc| {
            let mark = template_mark(text, doc.span);
            let mut case = load_document(program, file, doc);
            if let Some(at) = mark {
                case.diagnostics.push(
                    Diagnostic::warning(Code::TemplateUnfilled, EnvelopeMsg::TemplateUnfilled)
                        .at(
                            Span::new(file, at, at + TEMPLATE_MARK.len()),
                            EnvelopeMsg::LabelTemplateMark,
                        )
                        .with_help(EnvelopeMsg::HelpTemplateUnfilled),
                );
            }
            case
        })
}

/// The comment `zhengce new case` starts its template with, until the case is filled
/// in: a case that still has it is told so, never evaluated silently.
pub const TEMPLATE_MARK: &str = "# zhengce:unfilled";

/// Where the document in `span` of `text` (with the comments before it) has the
/// template's mark at the start of a line, if it has it.
fn template_mark(text: &str, span: Span) -> Option<usize> {
    let end = (span.end as usize).min(text.len());
    // The comments before a document's first key belong to it: from the `---` before it
    // (or the file's start).
    let before = text.get(..(span.start as usize).min(end))?;
    let start = before.rfind("\n---").map_or(0, |n| n + 1);
    let document = text.get(start..end)?;
    let mut at = 0;
    for line in document.split_inclusive('\n') {
        if line.starts_with(TEMPLATE_MARK) {
            return Some(start + at);
        }
        at += line.len();
    }
    None
}

fn is_empty_document(root: &YamlNode) -> bool {
    matches!(&root.kind, YamlKind::Scalar { text, .. } if text.is_empty())
}

/// Loads one document as one case.
pub fn load_document(program: &Program, file: FileId, doc: YamlDocument) -> LoadedCase {
    let mut case = LoadedCase {
        file,
        span: doc.span,
        id: None,
        id_span: None,
        as_of: None,
        expect: None,
        facts: None,
        diagnostics: doc.diagnostics,
        spans: CaseSpans {
            root: SpanNode::given(None, doc.root.span),
        },
        json_line: None,
    };
    let root = doc.root;
    if !matches!(root.kind, YamlKind::Map(_)) {
        if doc.complete {
            case.diagnostics.push(
                Diagnostic::error(Code::WrongType, EnvelopeMsg::CaseNotMapping.with([describe(&root)]))
                    .at(root.span, EnvelopeMsg::LabelNotACase)
                    .with_help(EnvelopeMsg::HelpStartCase),
            );
        }
        return case;
    }
    read_id(&root, &mut case);
    if !doc.complete {
        // Only the syntax error is reported: the rest of the document was not read.
        return case;
    }
    read_as_of(&root, &mut case);
    read_expect(&root, &mut case);

    let mut reader = Reader {
        program,
        diagnostics: Vec::new(),
    };
    let anchor = Span {
        end: root.span.start,
        ..root.span
    };
    let place = Place {
        path: KeyPath::Root,
        anchor,
        written: true,
    };
    let (mut facts, children) = reader.record(Program::ROOT, Some(&root), place, &ENVELOPE_KEYS);
    case.spans.root.children = children;
    case.diagnostics.append(&mut reader.diagnostics);
    // Derived fields are checked even when other fields have errors, so that every
    // problem is reported at once; fields that could not be read are skipped.
    derive::apply(program, &mut facts, Some(&mut case.spans), &mut case.diagnostics);
    if !case.has_errors() {
        case.facts = Some(facts);
    }
    case
}

fn read_id(root: &YamlNode, case: &mut LoadedCase) {
    let anchor = Span {
        end: root.span.start,
        ..root.span
    };
    let Some(node) = root.get("id") else {
        case.diagnostics.push(
            Diagnostic::error(Code::MissingField, EnvelopeMsg::NoId)
                .at(anchor, EnvelopeMsg::LabelCaseStarts)
                .with_help(EnvelopeMsg::HelpAddId),
        );
        return;
    };
    case.id_span = Some(node.span);
    let empty = || {
        Diagnostic::error(Code::MissingField, EnvelopeMsg::EmptyId)
            .at(node.span, EnvelopeMsg::LabelEmptyId)
            .with_help(EnvelopeMsg::HelpGiveId)
    };
    let diagnostic = match node.as_scalar() {
        Some((text, style)) => match resolve(text, style) {
            Core::Null => empty(),
            Core::Bool(_) => wrong_id(node),
            _ if text.trim().is_empty() => empty(),
            _ => {
                case.id = Some(text.trim().to_string());
                return;
            }
        },
        None => wrong_id(node),
    };
    case.diagnostics.push(diagnostic);
}

fn wrong_id(node: &YamlNode) -> Diagnostic {
    Diagnostic::error(Code::WrongType, EnvelopeMsg::IdNotText.with([describe(node)]))
        .at(node.span, EnvelopeMsg::LabelExpectedText)
        .with_help(EnvelopeMsg::HelpGiveId)
}

fn read_as_of(root: &YamlNode, case: &mut LoadedCase) {
    let Some(node) = root.get("as_of").filter(|n| !n.is_null()) else {
        return;
    };
    let diagnostic = match node.as_scalar() {
        Some((text, style)) if resolve(text, style) == Core::Str => match parse_date(text) {
            Ok(date) => {
                case.as_of = Some(date);
                return;
            }
            Err(why) => {
                let shown: String = text.chars().take(40).collect();
                let what = Words::Quoted.with(["as_of"]);
                Diagnostic::error(Code::InvalidDate, CaseMsg::InvalidDate.with([what, shown.into(), why]))
                    .at(node.span, CaseMsg::LabelInvalidDate)
            }
        },
        _ => Diagnostic::error(Code::WrongType, EnvelopeMsg::AsOfNotDate.with([describe(node)]))
            .at(node.span, EnvelopeMsg::LabelExpectedDate),
    };
    case.diagnostics.push(diagnostic.with_help(EnvelopeMsg::HelpAsOf));
}

fn read_expect(root: &YamlNode, case: &mut LoadedCase) {
    let Some(node) = root.get("expect").filter(|n| !n.is_null()) else {
        return;
    };
    if matches!(node.kind, YamlKind::Map(_)) {
        case.expect = Some(node.clone());
    } else {
        case.diagnostics.push(
            Diagnostic::error(Code::WrongType, EnvelopeMsg::ExpectNotMapping.with([describe(node)]))
                .at(node.span, CaseMsg::LabelExpectedPairs)
                .with_help(EnvelopeMsg::HelpExpectMapping),
        );
    }
}
