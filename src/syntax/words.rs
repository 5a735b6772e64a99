//! The words a grammar rule can start with (`kw_define` → `define`, `unit` → `years`,
//! `rule_entry` → `when`, `severity`, …), read from `grammar/policy.pest` itself, so that
//! a syntax error can offer the word the writer probably meant (`yaers` → `years`). They
//! are read from the grammar rather than listed here so that a word added to it (a
//! Chinese keyword or unit) is offered too, with no change in Rust.

use super::Rule;
use std::collections::HashMap;
use std::sync::LazyLock;

const GRAMMAR: &str = include_str!("../../grammar/policy.pest");

/// How deep rules are followed into the rules they start with (`rule_entry` →
/// `when_entry` → `kw_when` is two); the grammar is recursive (`expr` → `(` `expr`).
const MAX_FOLLOWED: usize = 8;

/// The grammar's text as tokens, for [`WORDS`].
static TOKENS: LazyLock<Vec<Token>> = LazyLock::new(|| tokens(GRAMMAR));

/// The words each rule of the grammar can start with, read once, on the first syntax
/// error.
static WORDS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let rules = rule_bodies(&TOKENS);
    rules
        .keys()
        .map(|name| {
            let mut words = Vec::new();
            leading_words(&rules, rules[name], 0, &mut words);
            (*name, words)
        })
        .collect()
});

/// The words a rule of the grammar can start with: `kw_then` → `then`, `unit` →
/// `years`, `months`, …; none for a rule that starts with no fixed word.
pub(super) fn words_of(rule: Rule) -> &'static [&'static str] {
    WORDS.get(format!("{rule:?}").as_str()).map_or(&[], Vec::as_slice)
}

/// The grammar's own copy of `text`, when it is a word of the grammar.
pub(super) fn grammar_word(text: &str) -> Option<&'static str> {
    WORDS.values().flatten().find(|word| **word == text).copied()
}

/// The word of `candidates` (called once for each pass over them) nearest to `found`
/// (a word of the policy text that the parser did not expect), when one is close
/// enough to be a slip of the keyboard: one letter wrong in a short word, two in a
/// longer one, letters swapped counting as one.
pub(super) fn nearest_of<I>(found: &str, candidates: impl Fn() -> I) -> Option<&'static str>
where
    I: Iterator<Item = &'static str>,
{
    let found = found.to_lowercase();
    let length = found.chars().count();
    let allowed = if length <= 4 { 1 } else { 2 };
    // A word the writer wrote exactly is no slip: it is in the wrong place.
    if candidates().any(|word| word == found) {
        return None;
    }
    let mut best: Option<(usize, f64, &'static str)> = None;
    for word in candidates() {
        let distance = strsim::damerau_levenshtein(&found, word);
        if distance > allowed || distance >= length {
            continue;
        }
        let likeness = strsim::jaro_winkler(&found, word);
        let better = best.is_none_or(|(d, l, _)| distance < d || (distance == d && likeness > l));
        if better {
            best = Some((distance, likeness, word));
        }
    }
    best.map(|(_, _, word)| word)
}

/// A piece of the grammar's text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    /// A string in double quotes, without them.
    Quoted(&'static str),
    /// A rule's name (or a built-in such as `ASCII_DIGIT`).
    Name(&'static str),
    /// Any other character that is not blank (`{`, `|`, `~`, `*`, …).
    Sign(char),
}

/// The grammar's text as tokens, without comments and characters in single quotes.
fn tokens(text: &'static str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '/' if chars.peek().is_some_and(|(_, c)| *c == '/') => {
                while chars.next_if(|(_, c)| *c != '\n').is_some() {}
            }
            '"' => {
                let mut end = text.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        // An escaped character (`"\""`) does not end the string.
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            end = i;
                            break;
                        }
                        _ => {}
                    }
                }
                out.push(Token::Quoted(&text[at + 1..end]));
            }
            // A character in single quotes (`'\t'..'\n'`) is part of a range.
            '\'' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut end = at + c.len_utf8();
                while let Some((i, c)) = chars.next_if(|(_, c)| c.is_alphanumeric() || *c == '_') {
                    end = i + c.len_utf8();
                }
                out.push(Token::Name(&text[at..end]));
            }
            c if c.is_whitespace() => {}
            c => out.push(Token::Sign(c)),
        }
    }
    out
}

/// Each rule's body (the tokens between the braces of `name = { … }`).
fn rule_bodies(tokens: &'static [Token]) -> HashMap<&'static str, &'static [Token]> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i + 2 < tokens.len() {
        let (Token::Name(name), Token::Sign('=')) = (tokens[i], tokens[i + 1]) else {
            i += 1;
            continue;
        };
        // `@{`, `_{`, `${` and `!{` mark kinds of rule.
        let mut open = i + 2;
        if matches!(tokens[open], Token::Sign('@' | '$' | '!') | Token::Name("_")) {
            open += 1;
        }
        let Some(close) = tokens
            .get(open)
            .and_then(|t| (*t == Token::Sign('{')).then(|| matching(tokens, open)))
        else {
            i += 1;
            continue;
        };
        out.insert(name, &tokens[open + 1..close]);
        i = close + 1;
    }
    out
}

/// The index of the bracket that closes the one at `open` (or the end).
fn matching(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Sign('{' | '(' | '[') => depth += 1,
            Token::Sign('}' | ')' | ']') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Adds the words that `body` (a rule's or a bracket's tokens) can start with.
fn leading_words(rules: &HashMap<&'static str, &[Token]>, body: &[Token], depth: usize, out: &mut Vec<&'static str>) {
    if depth > MAX_FOLLOWED {
        return;
    }
    for alternative in split_top(body, '|') {
        for element in split_top(alternative, '~') {
            let Some(first) = element.first() else { continue };
            // A lookahead reads nothing: the word comes after it.
            if matches!(first, Token::Sign('&' | '!')) {
                continue;
            }
            match first {
                Token::Quoted(word) if is_word(word) && !out.contains(word) => out.push(word),
                Token::Name(name) => {
                    if let Some(body) = rules.get(name) {
                        leading_words(rules, body, depth + 1, out);
                    }
                }
                Token::Sign('(') => {
                    let close = matching(element, 0);
                    leading_words(rules, &element[1..close.min(element.len())], depth + 1, out);
                }
                _ => {}
            }
            // What follows an element that may be left out may come first as well.
            let optional = matches!(element.last(), Some(Token::Sign('*' | '?')));
            if !optional {
                break;
            }
        }
    }
}

/// `tokens` cut at each `sign` outside brackets.
fn split_top(tokens: &[Token], sign: char) -> Vec<&[Token]> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Sign('(' | '{' | '[') => depth += 1,
            Token::Sign(')' | '}' | ']') => depth = depth.saturating_sub(1),
            Token::Sign(c) if *c == sign && depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts
}

/// A word a writer types: letters, digits and `_`, with at least one letter (Chinese
/// characters are letters).
fn is_word(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nearest(found: &str, expected: &[Rule]) -> Option<&'static str> {
        nearest_of(found, || expected.iter().flat_map(|r| words_of(*r).iter().copied()))
    }

    #[test]
    fn the_words_of_keyword_rules_come_from_the_grammar() {
        assert_eq!(words_of(Rule::kw_then), ["then", "则"]);
        assert!(words_of(Rule::unit).contains(&"years"));
        assert_eq!(words_of(Rule::unit_suffix), words_of(Rule::unit));
        assert!(words_of(Rule::rule_kind).contains(&"category"));
        assert!(words_of(Rule::aggregate_op).contains(&"count"));
        // Through the rules a rule starts with.
        assert_eq!(
            words_of(Rule::rule_entry),
            [
                "when", "当", "severity", "级别", "message", "提示", "yields", "给出", "note", "注"
            ]
        );
        assert!(words_of(Rule::item).contains(&"define") && words_of(Rule::item).contains(&"category"));
        assert!(words_of(Rule::expr).contains(&"not") && words_of(Rule::expr).contains(&"if"));
        assert!(words_of(Rule::ident).is_empty());
        // `"\""` is a quote, not the start of a string that runs on.
        assert!(words_of(Rule::string).is_empty());
    }

    #[test]
    fn a_slip_of_the_keyboard_finds_the_word_meant() {
        assert_eq!(nearest("yaers", &[Rule::unit, Rule::op_add]), Some("years"));
        assert_eq!(nearest("Monhts", &[Rule::unit]), Some("months"));
        assert_eq!(nearest("thn", &[Rule::kw_then]), Some("then"));
        assert_eq!(nearest("defnie", &[Rule::kw_define, Rule::kw_param]), Some("define"));
        // Too far from every word, or the word itself in the wrong place.
        assert_eq!(nearest("foo", &[Rule::unit]), None);
        assert_eq!(nearest("years", &[Rule::unit]), None);
        assert_eq!(nearest("x", &[Rule::kw_is]), None);
    }
}
