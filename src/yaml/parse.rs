//! Reading YAML text into [`YamlNode`] trees with `saphyr-parser`'s event API.
//!
//! Case and calendar files need no anchors, aliases or tags; they are reported, not followed. A key
//! given twice in one mapping is an error at its second occurrence (the first is kept).
//! A syntax error ends the document it is in; parsing resumes at the next `---` line,
//! so one broken case does not hide the cases after it.

use super::fullwidth;
use super::messages::{YamlMsg, yaml_syntax};
use super::node::{ScalarStyle, YamlDocument, YamlKind, YamlNode};
use super::offsets::Offsets;
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::lang::Text;
use crate::source::{FileId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, ScanError};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How deeply sequences and mappings may nest; deeper input is rejected.
pub(super) const MAX_DEPTH: usize = 64;

/// Up to this many keys, a mapping finds a key given twice by looking through its keys;
/// past it, through an index of them (a case's mappings have a few keys each).
const KEYS_LOOKED_THROUGH: usize = 16;

/// Parses the documents of `text[start..end]` (one piece of a stream, see
/// [`super::stream`]). Never panics; problems are diagnostics of the document they
/// occur in.
pub(super) fn parse_piece(file: FileId, text: &str, start: usize, end: usize) -> Vec<YamlDocument> {
    // Full-width punctuation is read as ASCII; spans still point into `text`.
    let rewritten = fullwidth::rewrite(text, start, end);
    let offsets = match &rewritten {
        Some(r) => Offsets::rewritten(r.starts.clone(), start, end),
        None => Offsets::new(text, start, end),
    };
    let mut builder = Builder {
        file,
        text,
        rewritten: rewritten.as_ref(),
        end,
        offsets: &offsets,
        docs: Vec::new(),
        doc: None,
        stack: Vec::new(),
    };
    let mut chunk_start = start;
    while let Some(failure) = builder.run_chunk(chunk_start) {
        builder.fail(failure);
        let Some(next) = resume_point(&text[..end], failure.byte, chunk_start) else {
            break;
        };
        chunk_start = next;
    }
    let mut docs = builder.docs;
    if let Some(r) = &rewritten {
        for (at, warning) in fullwidth::warnings(file, text, &r.replaced) {
            let in_doc = docs
                .iter()
                .position(|d| (d.span.start as usize..=d.span.end as usize).contains(&at));
            if let Some(doc) = in_doc.or(docs.len().checked_sub(1)).and_then(|i| docs.get_mut(i)) {
                doc.diagnostics.push(warning);
            }
        }
    }
    docs
}

/// Where and why parsing of a chunk stopped early.
#[derive(Debug, Clone, Copy)]
struct Failure {
    /// Byte offset of the failure.
    byte: usize,
    /// A message still to report there (none when the diagnostic is already made).
    message: Option<YamlMsg>,
}

/// A sequence or mapping being read.
enum Frame {
    Seq {
        start: Span,
        items: Vec<YamlNode>,
    },
    Map {
        start: Span,
        pairs: Vec<(YamlNode, YamlNode)>,
        key: Option<YamlNode>,
        /// The keys' first places, once the mapping has more than
        /// [`KEYS_LOOKED_THROUGH`] keys.
        seen: Option<HashMap<String, Span>>,
    },
}

/// A document being read.
struct OpenDoc {
    start: usize,
    end: usize,
    root: Option<YamlNode>,
    diagnostics: Vec<Diagnostic>,
}

struct Builder<'t> {
    file: FileId,
    text: &'t str,
    /// The piece as parsed, when full-width punctuation in it was read as ASCII.
    rewritten: Option<&'t fullwidth::Rewritten>,
    /// The end of the piece being parsed.
    end: usize,
    offsets: &'t Offsets,
    docs: Vec<YamlDocument>,
    doc: Option<OpenDoc>,
    stack: Vec<Frame>,
}

impl<'t> Builder<'t> {
    /// Parses `text[start..]` as a stream; returns the failure that stopped it, if any.
    fn run_chunk(&mut self, start: usize) -> Option<Failure> {
        let char_base = self.offsets.char_index(start);
        let chunk = match self.rewritten {
            Some(r) => r.text.get(r.byte_of_char(char_base)..).unwrap_or(""),
            None => self.text.get(start..self.end).unwrap_or(""),
        };
        let mut parser = Parser::new_from_str(chunk);
        loop {
            let next = catch_unwind(AssertUnwindSafe(|| parser.next_event()));
            let event = match next {
                Ok(Some(Ok(event))) => event,
                Ok(None) => return None,
                Ok(Some(Err(e))) => return Some(self.scan_failure(&e, char_base)),
                Err(_) => {
                    let byte = self.doc.as_ref().map_or(start, |d| d.end);
                    return Some(Failure {
                        byte,
                        message: Some(YamlMsg::ParserFailed),
                    });
                }
            };
            let (ev, sp) = event;
            let span = self.span(char_base + sp.start.index(), char_base + sp.end.index());
            match self.on_event(ev, span) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(failure) => return Some(failure),
            }
        }
    }

    fn scan_failure(&mut self, e: &ScanError, char_base: usize) -> Failure {
        let byte = self.offsets.byte(char_base + e.marker().index());
        let end = self
            .text
            .get(byte..)
            .and_then(|t| t.chars().next())
            .map_or(byte, |c| byte + c.len_utf8());
        let d = Diagnostic::error(Code::YamlSyntax, yaml_syntax(e.info()))
            .at(Span::new(self.file, byte, end), YamlMsg::LabelCannotRead)
            .with_help(YamlMsg::HelpYamlSyntax);
        self.open_doc(byte).diagnostics.push(d);
        Failure { byte, message: None }
    }

    /// Handles one event; `Ok(false)` at the end of the stream.
    fn on_event(&mut self, ev: Event<'_>, span: Span) -> Result<bool, Failure> {
        match ev {
            Event::StreamEnd => return Ok(false),
            Event::StreamStart | Event::Nothing => {}
            Event::DocumentStart(_) => {
                self.close_doc(true);
                self.open_doc(span.start as usize);
            }
            Event::DocumentEnd => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.end = doc.end.max(span.start as usize);
                }
                self.close_doc(true);
            }
            Event::Alias(_) => {
                self.error(span, YamlMsg::Alias.into(), YamlMsg::LabelAlias);
                self.push(YamlNode::null(span));
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.check_plain_node(anchor, tag.is_some(), span);
                let (style, span) = match style {
                    SaphyrStyle::Plain => (ScalarStyle::Plain, span),
                    SaphyrStyle::SingleQuoted | SaphyrStyle::DoubleQuoted => {
                        (ScalarStyle::Quoted, self.quoted_span(span))
                    }
                    SaphyrStyle::Literal | SaphyrStyle::Folded => (ScalarStyle::Quoted, span),
                };
                self.push(YamlNode {
                    kind: YamlKind::Scalar {
                        text: text.into_owned(),
                        style,
                    },
                    span,
                });
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_plain_node(anchor, tag.is_some(), span);
                self.enter(
                    span,
                    Frame::Seq {
                        start: span,
                        items: Vec::new(),
                    },
                )?;
            }
            Event::MappingStart(anchor, tag) => {
                self.check_plain_node(anchor, tag.is_some(), span);
                let frame = Frame::Map {
                    start: span,
                    pairs: Vec::new(),
                    key: None,
                    seen: None,
                };
                self.enter(span, frame)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = self.stack.pop() {
                    let node = finish_frame(frame, Some(span));
                    self.push(node);
                }
            }
        }
        Ok(true)
    }

    fn enter(&mut self, span: Span, frame: Frame) -> Result<(), Failure> {
        if self.stack.len() >= MAX_DEPTH {
            self.error(
                span,
                YamlMsg::YamlTooDeep.with([MAX_DEPTH.to_string()]),
                YamlMsg::LabelTooDeep,
            );
            return Err(Failure {
                byte: span.start as usize,
                message: None,
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn check_plain_node(&mut self, anchor: usize, tagged: bool, span: Span) {
        if anchor != 0 {
            self.error(span, YamlMsg::Anchor.into(), YamlMsg::LabelAnchor);
        }
        if tagged {
            self.error(span, YamlMsg::Tag.into(), YamlMsg::LabelTag);
        }
    }

    fn error(&mut self, span: Span, message: Text, label: YamlMsg) {
        let d = Diagnostic::error(Code::YamlSyntax, message)
            .at(span, label)
            .with_help(YamlMsg::HelpWriteInFull);
        self.open_doc(span.start as usize).diagnostics.push(d);
    }

    /// Adds a finished node to the innermost open sequence or mapping, or makes it the
    /// document's root.
    fn push(&mut self, node: YamlNode) {
        if let Some(doc) = self.doc.as_mut() {
            doc.end = doc.end.max(node.span.end as usize);
        }
        match self.stack.last_mut() {
            None => {
                let file = self.file;
                let doc = self.open_doc(node.span.start as usize);
                if doc.root.is_none() {
                    doc.root = Some(node);
                } else {
                    let d = Diagnostic::error(Code::YamlSyntax, YamlMsg::SecondRoot).at(
                        Span::new(file, node.span.start as usize, node.span.end as usize),
                        YamlMsg::LabelUnexpected,
                    );
                    doc.diagnostics.push(d);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { key: key @ None, .. }) => *key = Some(node),
            Some(Frame::Map { pairs, key, seen, .. }) => {
                let Some(k) = key.take() else { return };
                let Some((text, _)) = k.as_scalar() else {
                    pairs.push((k, node));
                    return;
                };
                match first_place(pairs, seen, text) {
                    Some(first) => {
                        let d = Diagnostic::error(Code::DuplicateKey, YamlMsg::DuplicateKey.with([text]))
                            .at(k.span, YamlMsg::LabelGivenAgain)
                            .with_related(first, YamlMsg::LabelFirstGiven)
                            .with_help(YamlMsg::HelpGiveOnce);
                        self.open_doc(k.span.start as usize).diagnostics.push(d);
                    }
                    None => {
                        if let Some(index) = seen {
                            index.insert(text.to_string(), k.span);
                        }
                        pairs.push((k, node));
                        if seen.is_none() && pairs.len() > KEYS_LOOKED_THROUGH {
                            *seen = Some(key_index(pairs));
                        }
                    }
                }
            }
        }
    }

    /// The document being read, opened at `start` if none is.
    fn open_doc(&mut self, start: usize) -> &mut OpenDoc {
        self.doc.get_or_insert_with(|| OpenDoc {
            start,
            end: start,
            root: None,
            diagnostics: Vec::new(),
        })
    }

    /// Finishes the open document, closing any sequences and mappings left open.
    fn close_doc(&mut self, complete: bool) {
        while let Some(frame) = self.stack.pop() {
            let node = finish_frame(frame, None);
            self.push(node);
        }
        let Some(doc) = self.doc.take() else { return };
        let span = Span::new(self.file, doc.start, doc.end);
        let root = doc
            .root
            .unwrap_or_else(|| YamlNode::null(Span::new(self.file, doc.start, doc.start)));
        self.docs.push(YamlDocument {
            root,
            span,
            complete,
            diagnostics: doc.diagnostics,
        });
    }

    /// Ends the document in which parsing failed.
    fn fail(&mut self, failure: Failure) {
        if let Some(message) = failure.message {
            let span = Span::new(self.file, failure.byte, failure.byte);
            let d = Diagnostic::error(Code::YamlSyntax, message).at(span, Words::Here);
            self.open_doc(failure.byte).diagnostics.push(d);
        }
        let doc = self.open_doc(failure.byte);
        doc.end = doc.end.max(failure.byte);
        self.close_doc(false);
    }

    fn span(&self, start_char: usize, end_char: usize) -> Span {
        Span::new(self.file, self.offsets.byte(start_char), self.offsets.byte(end_char))
    }

    /// The span of a quoted scalar, up to its closing quote (saphyr's end marker runs on
    /// over a following comment).
    fn quoted_span(&self, span: Span) -> Span {
        let start = span.start as usize;
        match self.text.get(start..self.end).and_then(quoted_len) {
            Some(len) => Span::new(self.file, start, start + len),
            None => span,
        }
    }
}

/// Where the key `text` was first given in a mapping being read, if it was.
fn first_place(pairs: &[(YamlNode, YamlNode)], seen: &Option<HashMap<String, Span>>, text: &str) -> Option<Span> {
    match seen {
        Some(index) => index.get(text).copied(),
        None => pairs
            .iter()
            .find(|(k, _)| k.as_scalar().is_some_and(|(t, _)| t == text))
            .map(|(k, _)| k.span),
    }
}

/// An index of the text keys of a mapping's pairs (each given once) to their places.
fn key_index(pairs: &[(YamlNode, YamlNode)]) -> HashMap<String, Span> {
    pairs
        .iter()
        .filter_map(|(k, _)| Some((k.as_scalar()?.0.to_string(), k.span)))
        .collect()
}

/// The byte length of a quoted scalar at the start of `s`, quotes included.
fn quoted_len(s: &str) -> Option<usize> {
    let quote = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
            } else {
                return Some(i + 1);
            }
        }
    }
    None
}

/// Turns a finished (or abandoned) frame into a node. Flow collections end at their
/// closing bracket; block collections at their last child.
fn finish_frame(frame: Frame, end_event: Option<Span>) -> YamlNode {
    let (start, kind, last) = match frame {
        Frame::Seq { start, items } => {
            let last = items.last().map(|n| n.span);
            (start, YamlKind::Seq(items), last)
        }
        Frame::Map { start, pairs, .. } => {
            let last = pairs.last().map(|(_, v)| v.span);
            (start, YamlKind::Map(pairs), last)
        }
    };
    let mut span = start;
    if let Some(last) = last {
        span = span.to(last);
    }
    if let Some(end) = end_event.filter(|e| !e.is_empty()) {
        span = span.to(end);
    }
    YamlNode { kind, span }
}

/// Where to resume after a failure at byte `at`: the start of the first `---` line at
/// or after the failing line (or the line after a `...` line), past `chunk_start`.
fn resume_point(text: &str, at: usize, chunk_start: usize) -> Option<usize> {
    let at = at.min(text.len());
    let mut line_start = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    while line_start < text.len() {
        let rest = &text[line_start..];
        let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let next = line_start + line_len;
        if is_marker(rest, "---") && line_start > chunk_start {
            return Some(line_start);
        }
        if is_marker(rest, "...") && next > chunk_start && next < text.len() {
            return Some(next);
        }
        line_start = next;
    }
    None
}

pub(super) fn is_marker(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\r', '\n']))
}
