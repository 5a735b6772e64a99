//! One line of JSON Lines read into the tree that case files are read into. JSON is
//! YAML 1.2's flow syntax, so a JSON case means what the same text means as YAML: a
//! string is quoted text, a number, `true`, `false` and `null` are plain scalars
//! (typed by the core schema), and every node keeps the byte span of its text. The
//! case loader then reads it exactly as it reads a YAML document.
//!
//! JSON is parsed with `jiter`, which gives the position of each value (serde_json
//! does not), so that a diagnostic points at the value in the line.

use super::messages::{YamlMsg, jiter_error};
use super::node::{ScalarStyle, YamlDocument, YamlKind, YamlNode};
use super::parse::MAX_DEPTH;
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::source::{FileId, Span};
use jiter::{Jiter, JiterError, Peek};
use std::collections::HashMap;

/// Parses `text` (one line of JSON Lines, without its line break) as one document.
/// Never panics; a syntax error is a diagnostic, and the document is then incomplete,
/// holding the top-level keys read before the error (so a cut line still has its id).
pub fn parse_json_document(file: FileId, text: &str) -> YamlDocument {
    let mut reader = JsonReader {
        file,
        data: text.as_bytes(),
        jiter: Jiter::new(text.as_bytes()),
        diagnostics: Vec::new(),
        depth: 0,
    };
    let whole = Span::new(file, 0, text.len());
    let (root, error) = match reader.jiter.peek() {
        Ok(Peek::Object) => reader.root_object(),
        Ok(peek) => match reader.value(peek).and_then(|v| reader.finish().map(|()| v)) {
            Ok(v) => (v, None),
            Err(e) => (YamlNode::null(whole), Some(e)),
        },
        Err(e) => (YamlNode::null(whole), Some(Stop::Json(e))),
    };
    let complete = error.is_none();
    let mut diagnostics = reader.diagnostics;
    if let Some(e) = error {
        diagnostics.insert(0, syntax_error(file, text, &e));
    }
    YamlDocument {
        root,
        span: whole,
        complete,
        diagnostics,
    }
}

fn syntax_error(file: FileId, text: &str, stop: &Stop) -> Diagnostic {
    let e = match stop {
        Stop::Json(e) => e,
        Stop::TooDeep(at) => {
            let at = (*at).min(text.len());
            return Diagnostic::error(Code::JsonSyntax, YamlMsg::JsonTooDeep.with([MAX_DEPTH.to_string()]))
                .at(Span::new(file, at, (at + 1).min(text.len())), YamlMsg::LabelTooDeep)
                .with_help(YamlMsg::HelpNesting);
        }
    };
    let at = e.index.min(text.len());
    let end = if at < text.len() { at + 1 } else { at };
    let mut end = end;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    let cut = at >= text.trim_end().len();
    let help = if cut {
        YamlMsg::HelpCutLine
    } else {
        YamlMsg::HelpJsonLine
    };
    Diagnostic::error(Code::JsonSyntax, YamlMsg::NotJson.with([jiter_error(&e.error_type)]))
        .at(Span::new(file, at, end), Words::Here)
        .with_help(help)
}

struct JsonReader<'t> {
    file: FileId,
    data: &'t [u8],
    jiter: Jiter<'t>,
    diagnostics: Vec<Diagnostic>,
    /// Objects and arrays open around the value being read.
    depth: usize,
}

/// Why reading stopped: bad JSON, or nesting deeper than the YAML reader allows
/// (each level is a call: without a limit, one line could overflow the stack).
enum Stop {
    Json(JiterError),
    TooDeep(usize),
}

impl From<JiterError> for Stop {
    fn from(e: JiterError) -> Stop {
        Stop::Json(e)
    }
}

impl JsonReader<'_> {
    fn span(&self, start: usize) -> Span {
        Span::new(self.file, start, self.jiter.current_index())
    }

    /// The top-level object, kept up to the first error (with that error).
    fn root_object(&mut self) -> (YamlNode, Option<Stop>) {
        let start = self.jiter.current_index();
        let mut pairs = Vec::new();
        let error = match self.members(&mut pairs) {
            Ok(()) => self.finish().err(),
            Err(e) => Some(e),
        };
        let node = YamlNode {
            kind: YamlKind::Map(pairs),
            span: self.span(start),
        };
        (node, error)
    }

    fn finish(&mut self) -> Result<(), Stop> {
        Ok(self.jiter.finish()?)
    }

    fn value(&mut self, peek: Peek) -> Result<YamlNode, Stop> {
        let start = self.jiter.current_index();
        if matches!(peek, Peek::Object | Peek::Array) && self.depth >= MAX_DEPTH {
            return Err(Stop::TooDeep(start));
        }
        let kind = match peek {
            Peek::Object => {
                self.depth += 1;
                let mut pairs = Vec::new();
                self.members(&mut pairs)?;
                self.depth -= 1;
                YamlKind::Map(pairs)
            }
            Peek::Array => {
                self.depth += 1;
                let mut items = Vec::new();
                let mut next = self.jiter.known_array()?;
                while let Some(peek) = next {
                    items.push(self.value(peek)?);
                    next = self.jiter.array_step()?;
                }
                self.depth -= 1;
                YamlKind::Seq(items)
            }
            Peek::String => quoted(self.jiter.known_str()?),
            Peek::Null => {
                self.jiter.known_null()?;
                plain("null")
            }
            Peek::True | Peek::False => plain(if self.jiter.known_bool(peek)? { "true" } else { "false" }),
            _ => {
                let bytes = self.jiter.known_number_bytes(peek)?;
                plain(std::str::from_utf8(bytes).unwrap_or_default())
            }
        };
        Ok(YamlNode {
            kind,
            span: self.span(start),
        })
    }

    /// The members of an object, from its `{`; a key given twice is reported as the
    /// YAML reader reports it, and the first value is kept. Small objects (all of a
    /// case's) are searched for a key; large ones get an index.
    fn members(&mut self, pairs: &mut Vec<(YamlNode, YamlNode)>) -> Result<(), Stop> {
        const INDEXED_FROM: usize = 16;
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut before = self.jiter.current_index();
        let mut key = self.jiter.known_object()?.map(str::to_string);
        while let Some(text) = key {
            let key_span = json_key_span(self.file, self.data, before, self.jiter.current_index());
            let peek = self.jiter.peek()?;
            let value = self.value(peek)?;
            let first = if pairs.len() < INDEXED_FROM {
                pairs
                    .iter()
                    .position(|(k, _)| k.as_scalar().is_some_and(|(t, _)| t == text))
            } else {
                if index.is_empty() {
                    index = pairs
                        .iter()
                        .enumerate()
                        .filter_map(|(i, (k, _))| Some((k.as_scalar()?.0.to_string(), i)))
                        .collect();
                }
                index.get(&text).copied()
            };
            match first {
                Some(i) => {
                    let d = Diagnostic::error(Code::DuplicateKey, YamlMsg::DuplicateKey.with([text.as_str()]))
                        .at(key_span, YamlMsg::LabelGivenAgain)
                        .with_related(pairs[i].0.span, YamlMsg::LabelFirstGiven)
                        .with_help(YamlMsg::HelpGiveOnce);
                    self.diagnostics.push(d);
                }
                None => {
                    if !index.is_empty() {
                        index.insert(text.clone(), pairs.len());
                    }
                    let key_node = YamlNode {
                        kind: YamlKind::Scalar {
                            text,
                            style: ScalarStyle::Quoted,
                        },
                        span: key_span,
                    };
                    pairs.push((key_node, value));
                }
            }
            before = self.jiter.current_index();
            key = self.jiter.next_key()?.map(str::to_string);
        }
        Ok(())
    }
}

/// The span of a key just read: from its opening quote after `before` (past the `{` or
/// `,` and blanks) to its closing quote before the `:` (the reader is at `after`).
pub fn json_key_span(file: FileId, data: &[u8], before: usize, after: usize) -> Span {
    let after = after.min(data.len());
    let start = (before..after).find(|&i| data[i] == b'"').unwrap_or(before);
    let end = (start..after).rev().find(|&i| data[i] == b'"').map_or(after, |i| i + 1);
    Span::new(file, start, end.max(start))
}

fn quoted(text: &str) -> YamlKind {
    YamlKind::Scalar {
        text: text.to_string(),
        style: ScalarStyle::Quoted,
    }
}

fn plain(text: &str) -> YamlKind {
    YamlKind::Scalar {
        text: text.to_string(),
        style: ScalarStyle::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    #[test]
    fn values_keep_their_spans_and_json_meanings() {
        let text = r#"{"id": "A-1", "n": 50, "ok": true, "none": null, "list": [{"d": "2025-01-02"}]}"#;
        let doc = parse_json_document(FileId(0), text);
        assert!(doc.complete && doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        let root = &doc.root;
        let id = root.get("id").map(|n| (n.as_scalar(), at(text, n.span)));
        assert_eq!(id, Some((Some(("A-1", ScalarStyle::Quoted)), "\"A-1\"")));
        let n = root.get("n").and_then(YamlNode::as_scalar);
        assert_eq!(n, Some(("50", ScalarStyle::Plain)));
        assert!(root.get("none").is_some_and(YamlNode::is_null));
        let keys: Vec<&str> = root
            .as_map()
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| at(text, k.span))
            .collect();
        assert_eq!(keys, ["\"id\"", "\"n\"", "\"ok\"", "\"none\"", "\"list\""]);
        let Some(YamlKind::Seq(items)) = root.get("list").map(|l| &l.kind) else {
            panic!("no list")
        };
        let d = items[0].get("d").map(|n| at(text, n.span));
        assert_eq!(d, Some("\"2025-01-02\""));
    }

    #[test]
    fn a_cut_line_is_a_located_error_that_keeps_the_keys_before_it() {
        let text = r#"{"id": "A-2", "as_of": "2025-0"#;
        let doc = parse_json_document(FileId(0), text);
        assert!(!doc.complete);
        assert_eq!(doc.diagnostics.len(), 1);
        assert_eq!(doc.diagnostics[0].code, Code::JsonSyntax);
        assert!(doc.root.get("id").is_some());
        assert!(doc.root.get("as_of").is_none());
    }

    #[test]
    fn trailing_text_and_garbage_are_syntax_errors() {
        for text in [r#"{"id": "A"} x"#, "\u{1}\u{2}garbage", "", "{\"id\": \"A\",}"] {
            let doc = parse_json_document(FileId(0), text);
            assert!(!doc.complete, "{text:?}");
            assert_eq!(doc.diagnostics[0].code, Code::JsonSyntax, "{text:?}");
        }
    }

    #[test]
    fn nesting_deeper_than_the_yaml_reader_allows_is_an_error_not_a_stack_overflow() {
        for (open, close) in [("{\"a\":", "}"), ("[", "]")] {
            let n = 100_000;
            let text = format!("{{\"id\": \"D\", \"x\": {}1{}}}", open.repeat(n), close.repeat(n));
            let doc = parse_json_document(FileId(0), &text);
            assert!(!doc.complete);
            assert!(
                doc.diagnostics[0].message.en().contains("nests deeper"),
                "{:?}",
                doc.diagnostics
            );
            assert!(doc.root.get("id").is_some(), "the id before it is kept");
        }
        let ok = format!("{{\"x\": {}1{}}}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse_json_document(FileId(0), &ok).complete);
    }

    #[test]
    fn a_key_given_twice_in_a_large_object_is_found_through_its_index() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k3\": 0, \"k39\": 1}}", keys.join(", "));
        let doc = parse_json_document(FileId(0), &text);
        let dups: Vec<String> = doc.diagnostics.iter().map(|d| d.message.en()).collect();
        assert_eq!(dups, ["the key `k3` is given twice", "the key `k39` is given twice"]);
        assert_eq!(doc.root.as_map().map(<[_]>::len), Some(40));
    }

    #[test]
    fn a_key_given_twice_is_reported_and_the_first_kept() {
        let text = r#"{"id": "A", "id": "B"}"#;
        let doc = parse_json_document(FileId(0), text);
        assert!(doc.complete);
        assert_eq!(doc.diagnostics[0].code, Code::DuplicateKey);
        assert_eq!(
            doc.root.get("id").and_then(YamlNode::as_scalar),
            Some(("A", ScalarStyle::Quoted))
        );
        assert_eq!(at(text, doc.diagnostics[0].span.unwrap_or(doc.span)), "\"id\"");
    }
}
