//! The names an item that failed to parse would have declared, read from its text
//! without the grammar: `define NAME`, `param NAME`, `table NAME`, `enum NAME`, a rule's
//! kind and id, and every word of a `case` block (its field names are among them). The
//! checker then does not report the uses of these names as unknown: each would repeat
//! the one syntax error at every place the broken item is used.
//!
//! A guess from the text can only hide an unknown-name error in a file that has a
//! syntax error already; once that is mended, the whole file is checked again.

use super::literal::rule_id;
use crate::ast::{RuleKind, Unparsed};

/// What the declaring words at the top level of `text` expect next.
#[derive(Clone, Copy)]
enum Pending {
    Nothing,
    /// A name, after `define`, `param`, `table` or `enum`.
    Name,
    /// A rule id, after a rule kind.
    RuleId(RuleKind),
    /// The `{` of a `case` block.
    CaseBlock,
}

/// Adds to `into` what the items in `text` (a piece that failed to parse) declare.
pub(super) fn record_unparsed(text: &str, into: &mut Unparsed) {
    let mut chars = text.char_indices().peekable();
    let mut depth = 0usize;
    // The depth inside the `case` block being read, if any.
    let mut case_depth: Option<usize> = None;
    let mut pending = Pending::Nothing;
    let mut after_dot = false;
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                // A string ends at its closing quote, or at the end of the line.
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next_if(|(_, c)| *c != '\n');
                        }
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
                continue;
            }
            '/' if chars.peek().is_some_and(|(_, c)| *c == '/') => {
                while chars.next_if(|(_, c)| *c != '\n').is_some() {}
                continue;
            }
            c if c.is_whitespace() => continue,
            '{' | '(' | '[' => {
                if matches!(pending, Pending::CaseBlock) && c == '{' && depth == 0 {
                    case_depth = Some(1);
                }
                depth += 1;
                pending = Pending::Nothing;
            }
            '}' | ')' | ']' => {
                depth = depth.saturating_sub(1);
                if case_depth.is_some_and(|d| depth < d) {
                    case_depth = None;
                }
                pending = Pending::Nothing;
            }
            c if is_word_char(c) => {
                let mut end = at + c.len_utf8();
                while let Some((i, c)) = chars.next_if(|(_, c)| is_word_char(*c)) {
                    end = i + c.len_utf8();
                }
                let word = &text[at..end];
                if case_depth.is_some() {
                    into.case_words.insert(word.to_string());
                } else if depth == 0 && !after_dot {
                    pending = declared(word, pending, into);
                }
            }
            _ => pending = Pending::Nothing,
        }
        after_dot = c == '.';
    }
}

/// Takes one word at the top level: records it when the words before it declare it,
/// and says what the next word would be.
fn declared(word: &str, pending: Pending, into: &mut Unparsed) -> Pending {
    match pending {
        Pending::Name => {
            into.names.insert(word.to_string());
            Pending::Nothing
        }
        Pending::RuleId(kind) => {
            into.rules.insert((kind, rule_id(word)));
            Pending::Nothing
        }
        Pending::Nothing | Pending::CaseBlock => match word {
            "define" | "param" | "table" | "enum" => Pending::Name,
            "case" => Pending::CaseBlock,
            _ => RuleKind::from_keyword(word).map_or(Pending::Nothing, Pending::RuleId),
        },
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::RuleId;

    fn recovered(text: &str) -> Unparsed {
        let mut out = Unparsed::default();
        record_unparsed(text, &mut out);
        out
    }

    #[test]
    fn declared_names_are_read_from_broken_items() {
        let u = recovered(
            "param working_age_from \"下限\" = 16 yaers\n\
             // define not_this \"a comment\"\n\
             define step(due: date) \"x\" = due + 1 dayz\n  define indented \"y\" = x.table\n\
             replace table t \"t\" by G { a => { x: 1 } }\n\
             category 3 cites \"一\" { when holds(tier 2) }\nreferral civil_affairs {\n",
        );
        let mut names: Vec<&str> = u.names.iter().map(String::as_str).collect();
        names.sort();
        assert_eq!(names, ["indented", "step", "t", "working_age_from"]);
        assert!(u.rules.contains(&(RuleKind::Category, RuleId::Number(3))));
        assert!(u.rules.contains(&(RuleKind::Referral, RuleId::Name("civil_affairs".into()))));
        assert!(!u.rules.contains(&(RuleKind::Tier, RuleId::Number(2))), "a use, not a declaration");
        assert!(u.case_words.is_empty());
    }

    #[test]
    fn every_word_of_a_broken_case_block_may_be_a_field() {
        let u = recovered("case {\n  person \"个人\" {\n    birth_date: dat \"出生\"\n  }\n}\ndefine after \"a\" = 1\n");
        for word in ["person", "birth_date", "dat"] {
            assert!(u.may_have_field(word), "{word}");
        }
        assert!(!u.may_have_field("after"));
        assert!(u.has_name("after"));
    }

    #[test]
    fn unbalanced_text_ends_without_trouble() {
        let u = recovered("define a \"a\" = ((( \"open string\ncase { x");
        assert!(u.has_name("a"));
        assert!(recovered("}}} define").is_empty());
    }
}
