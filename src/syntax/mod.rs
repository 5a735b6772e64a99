//! Syntax: policy text → AST. The pest grammar is `grammar/policy.pest`; this module
//! splits a file into items, parses each on its own (so that one syntax error does not
//! hide the next) and lowers parse trees with one function per grammar rule.

mod detail;
mod error;
mod expected;
mod expr;
mod header;
pub mod keywords;
mod literal;
mod lower;
mod lower_decls;
mod messages;
pub mod outline;
mod prebuilt;
mod recover;
mod split;
mod words;

use crate::ast::{MAX_DEPTH, PolicyFile, Unparsed};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};
use error::{Piece, syntax_error};
use expected::Context;
use messages::SyntaxMsg;
use pest::Parser;
use split::split_items;

/// The pest parser generated from `grammar/policy.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/policy.pest"]
pub struct PolicyParser;

/// Parses one policy file. Returns the file when its header parsed (items with syntax
/// errors are left out, and what they would have declared is noted in
/// [`PolicyFile::unparsed`]) and every syntax error found.
pub fn parse_policy(file: FileId, text: &str) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    parse_pieces(file, text, None)
}

/// [`parse_policy`] for a built-in policy file, whose parse trees `build.rs` made
/// (`trees`, see `prebuilt.rs`): they are rebuilt, not parsed again. The result is the
/// same; a piece without a tree is parsed.
pub fn parse_builtin_policy(file: FileId, text: &str, trees: &[u8]) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    parse_pieces(file, text, Some(prebuilt::Trees::new(trees)))
}

fn parse_pieces(file: FileId, text: &str, mut trees: Option<prebuilt::Trees>) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let chunks = split_items(text);
    let mut header = None;
    let mut items = Vec::new();
    let mut unparsed = Unparsed::default();
    for (index, (start, end)) in chunks.into_iter().enumerate() {
        let chunk = &text[start..end];
        let tree = trees.as_mut().and_then(|t| t.next(text, start, end));
        if let Some(at) = too_deeply_nested(chunk) {
            diagnostics.push(too_deep(Span::new(file, start + at, start + at + 1)));
            recover::record_unparsed(chunk, &mut unparsed);
            continue;
        }
        let lowering = lower::Lowering::new(file, start);
        let rule = if index == 0 { Rule::header_file } else { Rule::items };
        let parsed = match tree {
            Some(pairs) => Ok(pairs),
            None => PolicyParser::parse(rule, chunk),
        };
        match parsed {
            Ok(mut pairs) if index == 0 => header = pairs.next().and_then(|p| lowering.header_file(p)),
            Ok(mut pairs) => {
                if let Some(pair) = pairs.next() {
                    match lowering.items(pair) {
                        Ok(mut lowered) => items.append(&mut lowered),
                        Err(d) => {
                            diagnostics.push(*d);
                            recover::record_unparsed(chunk, &mut unparsed);
                        }
                    }
                }
            }
            Err(e) => {
                let error_at = match e.location {
                    pest::error::InputLocation::Pos(p) => p,
                    pest::error::InputLocation::Span((s, _)) => s,
                };
                let piece = Piece {
                    file,
                    base: start,
                    text: chunk,
                    rule,
                    context: Context::Policy,
                    ends_file: end == text.len(),
                };
                diagnostics.push(syntax_error(&piece, e));
                // A later error of a header is found in the header with the lines
                // before it blanked: the same places, other text.
                let mut report = |e, patched: &str| {
                    diagnostics.push(syntax_error(&Piece { text: patched, ..piece }, e));
                };
                if index > 0 {
                    recover::record_unparsed(chunk, &mut unparsed);
                } else if let Some(patched) =
                    recover::header_without_broken_lines(chunk, error_at, &mut unparsed, &mut report)
                {
                    // Parsed once more, without the broken lines: the first parse of
                    // the patched text was only to know that it parses.
                    if let Ok(mut pairs) = PolicyParser::parse(Rule::header_file, &patched) {
                        header = pairs.next().and_then(|p| lowering.header_file(p));
                    }
                }
            }
        }
    }
    let policy = header.map(|header| PolicyFile {
        file,
        header,
        items,
        unparsed,
    });
    (policy, diagnostics)
}

/// The byte offset of the first bracket (`(`, `[` or `{`) nested more than
/// [`MAX_DEPTH`] deep, outside strings and comments. Checked before parsing, because the
/// parser recurses once per level. Bytes, not characters: every byte that matters is
/// ASCII, and no byte of a longer UTF-8 character is.
fn too_deeply_nested(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut bytes = text.bytes().enumerate().peekable();
    while let Some((i, b)) = bytes.next() {
        match b {
            // A string ends at its closing quote, or at the end of the line.
            b'"' => {
                while let Some((_, b)) = bytes.next() {
                    match b {
                        b'\\' => {
                            bytes.next_if(|(_, b)| *b != b'\n');
                        }
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
            }
            b'/' if bytes.peek().is_some_and(|(_, b)| *b == b'/') => {
                while bytes.next_if(|(_, b)| *b != b'\n').is_some() {}
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A bracket or an expression nested more than [`MAX_DEPTH`] deep.
pub(crate) fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::error(Code::TooDeep, SyntaxMsg::TooDeep.with([MAX_DEPTH.to_string()]))
        .at(span, SyntaxMsg::TooDeepLabel)
        .with_help(SyntaxMsg::TooDeepHelp)
}

#[cfg(test)]
mod keyword_tests;
#[cfg(test)]
mod tests;

/// Parses one expression on its own (as typed in the REPL), with spans in `file`.
pub fn parse_expression(file: FileId, text: &str) -> Result<crate::ast::Expr, Box<Diagnostic>> {
    if let Some(at) = too_deeply_nested(text) {
        return Err(Box::new(too_deep(Span::new(file, at, at + 1))));
    }
    let lowering = lower::Lowering::new(file, 0);
    let piece = Piece {
        file,
        base: 0,
        text,
        rule: Rule::expression_input,
        context: Context::Expression,
        ends_file: true,
    };
    let mut pairs = PolicyParser::parse(Rule::expression_input, text).map_err(|e| Box::new(syntax_error(&piece, e)))?;
    let expr = pairs
        .next()
        .and_then(|p| p.into_inner().find(|p| p.as_rule() == Rule::expr))
        .ok_or_else(|| Box::new(Diagnostic::error(Code::Syntax, SyntaxMsg::ExpressionMissing)))?;
    lowering.expr(expr)
}

/// Parses a `YYYY-MM-DD` date as the language writes it.
pub fn parse_date_text(text: &str) -> Option<chrono::NaiveDate> {
    literal::parse_date(text)
}
