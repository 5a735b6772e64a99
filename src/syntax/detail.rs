//! What the parser tried where it got furthest, signs included. A syntax error names
//! only the grammar rules the parser tried, never the signs (`,`, `}`, `=`, `:`), and
//! where only a sign would do (a comma missing between enum values) it names nothing
//! and points at the start of the item. pest tracks every attempt, signs included,
//! when its error detail is on; that costs a parse of a good policy twice its time, so
//! it is turned on only to parse a piece that failed once more.

use super::expected::Phrase;
use super::{PolicyParser, Rule};
use pest::Parser;
use std::sync::Mutex;

/// The signs a policy writer may have left out, as a syntax error names them. Signs of
/// operators are left out: "an operator" says them.
const SIGNS: &[&str] = &[",", "}", "{", ")", "(", "]", "=", "=>", ":", "::", "..", "|", "\""];

/// Held while pest's error detail is on. The switch is one for the whole process and is
/// read when a parse starts: a parse on another thread that starts meanwhile only
/// tracks its attempts for nothing (its result and error are the same either way).
static DETAIL: Mutex<()> = Mutex::new(());

/// What the parser expected where it got furthest.
pub(super) struct Furthest {
    /// The place, in bytes from the start of the text.
    pub at: usize,
    /// The signs expected there (and a `?`).
    pub signs: Vec<Phrase>,
    /// The words of the grammar expected there.
    pub words: Vec<&'static str>,
}

/// Where the parser got furthest in `text` (parsed as `rule`), and what it expected
/// there; `None` if the text parses, or pest gives no detail.
pub(super) fn furthest(rule: Rule, text: &str) -> Option<Furthest> {
    let error = {
        let _held = DETAIL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        pest::set_error_detail(true);
        let parsed = PolicyParser::parse(rule, text);
        pest::set_error_detail(false);
        parsed.err()?
    };
    let attempts = error.parse_attempts()?;
    // pest does not export the type of a token; its text is what it shows. A range of
    // characters shows as `a..b`, which is no sign or word of the grammar.
    let tokens: Vec<String> = attempts.expected_tokens().iter().map(|t| t.to_string()).collect();
    Some(Furthest {
        at: attempts.max_position,
        signs: tokens.iter().filter_map(|t| sign(t)).collect(),
        words: tokens.iter().filter_map(|t| super::words::grammar_word(t)).collect(),
    })
}

/// A sign the parser expected, as a syntax error names it.
fn sign(token: &str) -> Option<Phrase> {
    match token {
        "?" => Some(Phrase::OptionalMark),
        _ => SIGNS
            .iter()
            .find(|sign| **sign == token)
            .map(|sign| Phrase::Token(sign)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signs_expected_are_found() {
        let found = furthest(Rule::items, "enum G \"g\" {\n  a \"a\",\n  b \"b\"\n  c \"c\"\n}\n").expect("an error");
        assert_eq!(found.at, "enum G \"g\" {\n  a \"a\",\n  b \"b\"\n  ".len());
        assert_eq!(found.signs, [Phrase::Token(","), Phrase::Token("}")]);
        assert_eq!(found.words, ["en"]);
        assert!(furthest(Rule::items, "define x \"x\" = 1\n").is_none());
    }
}
