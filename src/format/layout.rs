//! The canonical layout of a policy file. Its line breaks are the writer's (as gofmt
//! keeps a Go programmer's): within them, everything is decided here.
//!
//! - **Indentation**, two spaces a level: one level for each bracket open at the
//!   start of the line; one more when the line continues a statement (a `when`, a
//!   definition, a field) begun on an earlier line inside the same bracket. A line
//!   that starts with a closing bracket stands where the line of its opening bracket
//!   does. A comment line stands where the code after it does.
//! - **Spaces**: one between pieces, none inside brackets (`f(x)`, `[a, b]`), one inside
//!   braces (`{ a: 1 }`), none before `,` `:` `?` and around `.` and `::`, none between
//!   a name and its call's `(` or an index's `[`, none after a minus that negates.
//! - **Blank lines**: at most one in a row; none at the start or end of the file.

use super::tokens::{Piece, Token};
use crate::syntax::keywords::keyword;
use std::ops::Range;

/// One level of indentation.
const INDENT: usize = 2;

/// The English words of keywords called like functions: `holds(tier 1)`, `all(m in …)`.
const CALLED: &[&str] = &[
    "holds",
    "count",
    "any",
    "all",
    "sum",
    "min",
    "max",
    "latest",
    "earliest",
    "longest_run",
    "months_covered",
    "filter",
    "sorted",
];

/// The English words of keywords that end an operand (`1 days - x`, `true`), after which
/// a minus subtracts.
const OPERANDS: &[&str] = &[
    "true",
    "false",
    "absent",
    "present",
    "years",
    "months",
    "working_days",
    "days",
];

/// `text` laid out, from its pieces and the ranges of its statements.
pub fn lay_out(text: &str, tokens: &[Token], statements: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    // Each open bracket: where it is, and the indentation of its line.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut previous_line: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let line_no = tokens[i].line;
        let end = tokens[i..]
            .iter()
            .position(|t| t.line != line_no)
            .map_or(tokens.len(), |n| i + n);
        let line = &tokens[i..end];
        if previous_line.is_some_and(|p| line_no > p + 1) {
            out.push('\n');
        }
        previous_line = Some(line_no);
        let indent = indentation(tokens, i, end, &open, statements);
        out.extend(std::iter::repeat_n(' ', indent));
        for (k, token) in line.iter().enumerate() {
            let at = i + k;
            if k > 0 && spaced(text, tokens, at) {
                out.push(' ');
            }
            let piece = &text[token.range.clone()];
            out.push_str(if token.piece == Piece::Comment {
                piece.trim_end()
            } else {
                piece
            });
            match token.piece {
                Piece::Open => open.push((token.range.start, indent)),
                Piece::Close => {
                    open.pop();
                }
                _ => {}
            }
        }
        out.push('\n');
        i = end;
    }
    out
}

/// The indentation of the line whose pieces are `tokens[start..end]`.
fn indentation(
    tokens: &[Token],
    start: usize,
    end: usize,
    open: &[(usize, usize)],
    statements: &[Range<usize>],
) -> usize {
    let first = &tokens[start];
    if first.piece == Piece::Close {
        return open.last().map_or(0, |(_, indent)| *indent);
    }
    let base = open.last().map_or(0, |(_, indent)| indent + INDENT);
    // A comment line goes with the code after it.
    let anchor = if first.piece == Piece::Comment {
        match tokens[end..].iter().find(|t| t.piece != Piece::Comment) {
            Some(t) => t.range.start,
            None => return base,
        }
    } else {
        first.range.start
    };
    let inside = open.last().map(|(at, _)| *at);
    let continues = statements
        .iter()
        .any(|s| s.start < anchor && anchor < s.end && inside.is_none_or(|at| s.start > at));
    base + if continues { INDENT } else { 0 }
}

/// Whether a space goes before `tokens[at]`, which follows another piece on its line.
fn spaced(text: &str, tokens: &[Token], at: usize) -> bool {
    let (prev, next) = (&tokens[at - 1], &tokens[at]);
    let (p, n) = (&text[prev.range.clone()], &text[next.range.clone()]);
    if next.piece == Piece::Comment {
        return true;
    }
    if matches!(n, "," | ":" | "?" | "." | "::" | ")" | "]") || matches!(p, "." | "::" | "(" | "[") {
        return false;
    }
    if p == "{" || n == "}" {
        return !(p == "{" && n == "}");
    }
    if p == "-" && negates(text, tokens, at - 1) {
        return false;
    }
    if n == "(" || n == "[" {
        // A call or an index follows its name (or a bracket) directly; a keyword is
        // spaced from a bracket after it, but for those called like functions.
        return match prev.piece {
            Piece::Word => is_keyword(tokens, text, at - 1) && !english_is(p, CALLED),
            Piece::Close => p == "}",
            _ => true,
        };
    }
    true
}

/// Whether the minus `tokens[at]` negates what follows it, rather than subtracting it
/// from what is before it.
fn negates(text: &str, tokens: &[Token], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|b| &tokens[b]) else {
        return true;
    };
    let word = &text[before.range.clone()];
    match before.piece {
        Piece::Number | Piece::Str | Piece::Close => false,
        Piece::Word => is_keyword(tokens, text, at - 1) && !english_is(word, OPERANDS),
        _ => true,
    }
}

/// Whether the word `tokens[at]` is a keyword: a keyword's word that is not a field
/// name (after `.`, a keyword's word is a name: `s.from`).
fn is_keyword(tokens: &[Token], text: &str, at: usize) -> bool {
    let after_dot = at.checked_sub(1).is_some_and(|b| &text[tokens[b].range.clone()] == ".");
    !after_dot && keyword(&text[tokens[at].range.clone()]).is_some()
}

/// Whether `word` is a keyword whose English word is one of `english`.
fn english_is(word: &str, english: &[&str]) -> bool {
    keyword(word).is_some_and(|k| english.contains(&k.english[0]))
}
