//! `zhengce fmt`: a policy file in its canonical layout (`layout.rs`), and in the
//! keyword set asked for. Text in, text out: what it means is never touched, and that
//! is checked: the result must parse to the same tree, with the same comments, or it
//! is not given.

mod layout;
mod tokens;

use crate::syntax::keywords::{KeywordSet, word_in};
use crate::syntax::outline::outline;
use tokens::{Piece, tokens};

/// Why a file was not formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatError {
    /// It does not parse: its syntax errors are what `check` reports.
    Syntax,
    /// The formatted text would not mean the same (a fault of the formatter's, never
    /// of the file's); the file is left as it is.
    MeaningWouldChange,
}

/// `text`, a policy file, in the canonical layout, its keywords in `keywords` when
/// given (else as written: a file may mix the two sets).
pub fn format_policy(text: &str, keywords: Option<KeywordSet>) -> Result<String, FormatError> {
    let before = outline(text).ok_or(FormatError::Syntax)?;
    let converted = match keywords {
        Some(set) => convert_keywords(text, &before.keywords, set),
        None => text.to_string(),
    };
    // The statements' places are the converted text's.
    let shape = outline(&converted).ok_or(FormatError::MeaningWouldChange)?;
    let pieces = tokens(&converted);
    let formatted = layout::lay_out(&converted, &pieces, &shape.statements);
    let after = outline(&formatted).ok_or(FormatError::MeaningWouldChange)?;
    if !after.same_tree(&before) || comments(&formatted) != comments(text) {
        return Err(FormatError::MeaningWouldChange);
    }
    // Line ends as the file has them (a Windows checkout's \r\n stays), as the first
    // line ends.
    match text.find('\n') {
        Some(at) if text[..at].ends_with('\r') => Ok(formatted.replace('\n', "\r\n")),
        _ => Ok(formatted),
    }
}

/// `text` with every keyword in `set`.
fn convert_keywords(text: &str, keywords: &[crate::syntax::outline::KeywordAt], set: KeywordSet) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut done = 0;
    for k in keywords {
        let written = &text[k.range.clone()];
        out.push_str(&text[done..k.range.start]);
        // `6个月` needs no space; `6months` would not parse.
        if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            out.push(' ');
        }
        out.push_str(word_in(written, set, k.after_one).unwrap_or(written));
        done = k.range.end;
    }
    out.push_str(&text[done..]);
    out
}

/// The comments of `text`, their trailing spaces left out.
fn comments(text: &str) -> Vec<&str> {
    tokens(text)
        .into_iter()
        .filter(|t| t.piece == Piece::Comment)
        .map(|t| text[t.range].trim_end())
        .collect()
}

#[cfg(test)]
mod tests;
