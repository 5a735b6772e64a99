//! A policy file's text cut into the pieces a layout places: words, numbers and dates,
//! strings, comments, brackets and operators, each with the line it is on. The file
//! has parsed already: this only needs to know where one piece ends and the next
//! begins, never what they mean.

use std::ops::Range;

/// What a piece of text is, for its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A name or a keyword.
    Word,
    /// A number, a date or a month.
    Number,
    /// A string, quotes included.
    Str,
    /// A comment, `//` to the end of its line.
    Comment,
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// Any other sign: `,`, `.`, `:`, `::`, `?`, `=`, `==`, `<=`, `+`, `-`, `=>`, ….
    Sign,
}

/// A piece of the text and where it is.
#[derive(Debug, Clone)]
pub struct Token {
    /// What it is.
    pub piece: Piece,
    /// Its bytes.
    pub range: Range<usize>,
    /// The line it is on, from 0.
    pub line: usize,
}

/// Signs of two characters, tried before the one-character ones.
const DOUBLE_SIGNS: &[&str] = &["::", "=>", "==", "!=", "<=", ">=", "??", ".."];

/// The pieces of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        let (piece, len) = if c == '\n' {
            line += 1;
            at += 1;
            continue;
        } else if c.is_whitespace() || c == '\u{feff}' {
            at += c.len_utf8();
            continue;
        } else if rest.starts_with("//") {
            (Piece::Comment, rest.find('\n').unwrap_or(rest.len()))
        } else if c == '"' {
            (Piece::Str, string_length(rest))
        } else if c.is_ascii_digit() {
            (Piece::Number, number_length(rest))
        } else if c == '_' || c.is_alphabetic() {
            let end = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map_or(rest.len(), |(i, _)| i);
            (Piece::Word, end)
        } else if matches!(c, '(' | '[' | '{') {
            (Piece::Open, 1)
        } else if matches!(c, ')' | ']' | '}') {
            (Piece::Close, 1)
        } else {
            let len = DOUBLE_SIGNS
                .iter()
                .find(|s| rest.starts_with(**s))
                .map_or(c.len_utf8(), |s| s.len());
            (Piece::Sign, len)
        };
        out.push(Token {
            piece,
            range: at..at + len,
            line,
        });
        at += len;
    }
    out
}

/// The length of the string `text` starts with: to its closing quote, escapes
/// skipped, or to the end of the line.
fn string_length(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '\n' => return i,
            '"' if !escaped => return i + 1,
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    text.len()
}

/// The length of the number, date (`2025-07-18`) or month (`2025-07`) `text` starts
/// with: a date and a month are one piece, not a subtraction.
fn number_length(text: &str) -> usize {
    let digits = |from: usize| text[from..].bytes().take_while(u8::is_ascii_digit).count();
    let first = digits(0);
    let dash_digits = |from: usize, n: usize| text.as_bytes().get(from) == Some(&b'-') && digits(from + 1) == n;
    if first == 4 && dash_digits(4, 2) {
        if dash_digits(7, 2) { 10 } else { 7 }
    } else {
        first
    }
}
