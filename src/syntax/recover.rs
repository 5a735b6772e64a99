//! The names an item that failed to parse would have declared, read from its text
//! without the grammar: `define NAME`, `param NAME`, `table NAME`, `enum NAME`, a rule's
//! kind and id, and every word of a `case` block (its field names are among them). The
//! checker then does not report the uses of these names as unknown: each would repeat
//! the one syntax error at every place the broken item is used.
//!
//! A guess from the text can only hide an unknown-name error in a file that has a
//! syntax error already; once that is mended, the whole file is checked again.
//!
//! A broken header is read again without the lines that broke it, when they declare
//! nothing other files are read for (`uses`, `amends`, `calendar`): the items of the
//! file can then be checked too.

use super::keywords::{in_english, keyword};
use super::literal::rule_id;
use super::words::words_of;
use super::{PolicyParser, Rule};
use crate::ast::{RuleKind, Unparsed};
use pest::Parser;

/// At most this many lines are left out of a broken header.
const MAX_HEADER_LINES_LEFT_OUT: usize = 8;

/// Words that start a top-level item (a misspelling of one also starts an item).
const DECLARING: &[&str] = &["define", "param", "table", "enum", "case"];

/// Header words that name other files, or start the header: a line with one of them
/// is never left out, since the file's names depend on the files it names.
const HEADER_STRUCTURE: &[&str] = &["policy", "uses", "amends", "calendar"];

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
                    // A misspelled item keyword starts an item all the same
                    // (`defnie x` declares `x`), when it stands in column 0.
                    let line_start = at == 0 || text[..at].ends_with('\n');
                    let word = if line_start {
                        item_keyword_near(word).unwrap_or(word)
                    } else {
                        word
                    };
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
        Pending::Nothing | Pending::CaseBlock => match in_english(word) {
            "define" | "param" | "table" | "enum" => Pending::Name,
            "case" => Pending::CaseBlock,
            english => RuleKind::from_keyword(english).map_or(Pending::Nothing, Pending::RuleId),
        },
    }
}

/// The item keyword a word at the start of a line is a slip away from, if any.
fn item_keyword_near(word: &str) -> Option<&'static str> {
    let allowed = if word.chars().count() <= 4 { 1 } else { 2 };
    // Each English word and its Chinese twin (`定意` is a slip of `定义`), but a word of
    // one character, which every other one-character word would be a slip of.
    let english = DECLARING
        .iter()
        .copied()
        .chain(RuleKind::ALL.iter().map(|k| k.keyword()));
    english
        .flat_map(|w| [Some(w), keyword(w).map(|k| k.chinese)])
        .flatten()
        .filter(|w| w.chars().count() > 1)
        .find(|keyword| strsim::damerau_levenshtein(word, keyword) <= allowed)
        .map(in_english)
}

/// The header piece `text` (which failed to parse at `error_at`) with the lines that
/// break it blanked out (every byte but the line end made a space, so that every
/// place in it stays where it was), when it then parses. What the lines left out would
/// have declared is added to `into`. `None` when a line to leave out names another
/// file or holds a bracket, or too many would go.
///
/// The error found once a header line (`title`, `issued`, …) is left out is another
/// error of the header, and goes to `report`; after any other line it may only be the
/// rest of what broke, and is not reported.
pub(super) fn header_without_broken_lines(
    text: &str,
    mut error_at: usize,
    into: &mut Unparsed,
    report: &mut dyn FnMut(pest::error::Error<Rule>, &str),
) -> Option<String> {
    let mut patched = text.as_bytes().to_vec();
    for _ in 0..MAX_HEADER_LINES_LEFT_OUT {
        let start = patched[..error_at.min(patched.len())]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |n| n + 1);
        let end = patched[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(patched.len(), |n| start + n);
        let line = std::str::from_utf8(&patched[start..end]).ok()?;
        if line.trim().is_empty() || !may_leave_out(line) {
            return None;
        }
        record_unparsed(line, into);
        let first_word = line.trim_start().split(|c: char| !is_word_char(c)).next().unwrap_or("");
        let header_line = words_of(Rule::header_entry).contains(&first_word);
        patched[start..end].fill(b' ');
        // Spaces in place of whole lines keep the text UTF-8.
        let candidate = std::str::from_utf8(&patched).ok()?;
        match PolicyParser::parse(Rule::header_file, candidate) {
            Ok(_) => return Some(candidate.to_string()),
            Err(e) => {
                error_at = match e.location {
                    pest::error::InputLocation::Pos(p) => p,
                    pest::error::InputLocation::Span((s, _)) => s,
                };
                if header_line {
                    report(e, candidate);
                }
            }
        }
    }
    None
}

/// Whether a line of a broken header may be left out: it names no other file and
/// holds no bracket (outside strings).
fn may_leave_out(line: &str) -> bool {
    let mut outside = String::new();
    for (i, part) in line.split('"').enumerate() {
        if i % 2 == 0 {
            outside.push_str(part);
            outside.push(' ');
        }
    }
    let outside = outside.split("//").next().unwrap_or("");
    !outside.contains(['{', '}'])
        && !outside
            .split(|c: char| !is_word_char(c))
            .any(|word| HEADER_STRUCTURE.contains(&in_english(word)))
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
        assert!(
            u.rules
                .contains(&(RuleKind::Referral, RuleId::Name("civil_affairs".into())))
        );
        assert!(
            !u.rules.contains(&(RuleKind::Tier, RuleId::Number(2))),
            "a use, not a declaration"
        );
        assert!(u.case_words.is_empty());
    }

    #[test]
    fn every_word_of_a_broken_case_block_may_be_a_field() {
        let u =
            recovered("case {\n  person \"个人\" {\n    birth_date: dat \"出生\"\n  }\n}\ndefine after \"a\" = 1\n");
        for word in ["person", "birth_date", "dat"] {
            assert!(u.may_have_field(word), "{word}");
        }
        assert!(!u.may_have_field("after"));
        assert!(u.has_name("after"));
    }

    #[test]
    fn a_misspelled_item_keyword_in_column_0_still_declares() {
        let u = recovered("define a \"a\" = 1\ndefnie b \"b\" = 2\n  parma c \"c\" = 3\ncatgory 4 { when x }\n");
        assert!(u.has_name("a") && u.has_name("b"));
        assert!(!u.has_name("c"), "not in column 0");
        assert!(u.has_rule(RuleKind::Category, Some(&RuleId::Number(4))));
    }

    #[test]
    fn a_broken_header_is_read_without_its_broken_lines() {
        let header = "policy \"p\" {\n  title \"t\"\n  valid_for 5 yaers\n  issued 2025-7-18\n}\n// a comment\n";
        let mut reported = Vec::new();
        let mut report = |e: pest::error::Error<Rule>, _: &str| reported.push(e);
        let error_at = header.find("yaers").unwrap();
        let patched = header_without_broken_lines(header, error_at, &mut Unparsed::default(), &mut report);
        let patched = patched.expect("parses without the two lines");
        assert_eq!(patched.len(), header.len(), "every place stays where it was");
        assert!(patched.contains("title \"t\"") && !patched.contains("yaers") && !patched.contains("2025"));
        assert_eq!(reported.len(), 1, "the second broken line is reported too");
        // A line that names another file is never left out.
        let header = "policy \"p\" {\n  uses \"a.policy\n}\n";
        let at = header.find("uses").unwrap();
        assert!(header_without_broken_lines(header, at, &mut Unparsed::default(), &mut |_, _| {}).is_none());
    }

    #[test]
    fn unbalanced_text_ends_without_trouble() {
        let u = recovered("define a \"a\" = ((( \"open string\ncase { x");
        assert!(u.has_name("a"));
        assert!(recovered("}}} define").is_empty());
    }
}
