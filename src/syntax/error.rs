//! Syntax errors: where the parser stopped, what it found there, what it expected (in
//! a policy writer's words, `expected.rs`) and, when what it found is a slip of the
//! keyboard away from a word it expected, that word (`words.rs`).

use super::expected::{self, Context, Phrase};
use super::keywords::{KEYWORDS, keyword};
use super::messages::SyntaxMsg;
use super::{Rule, detail, too_deep, words};
use crate::diagnostic::{Code, Diagnostic, suggestion};
use crate::lang::Text;
use crate::source::{FileId, Span};

/// Where the text that failed to parse is: its file, its offset in the file, and
/// whether it runs to the end of the file.
pub(super) struct Piece<'t> {
    /// The file it is in.
    pub file: FileId,
    /// The offset of its first byte in the file.
    pub base: usize,
    /// Its text.
    pub text: &'t str,
    /// The grammar rule it was parsed as.
    pub rule: Rule,
    /// A piece of a policy file, or an expression on its own.
    pub context: Context,
    /// Whether it runs to the end of the file.
    pub ends_file: bool,
}

/// The diagnostic for a parse error in `piece`.
pub(super) fn syntax_error(piece: &Piece, e: pest::error::Error<Rule>) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let start = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(piece.text.len());
    let positives = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.as_slice(),
        // The grammar raises no errors of its own: a custom error is the parser's
        // stack or call limit.
        ErrorVariant::CustomError { .. } => {
            let end = next_char_end(piece.text, start);
            return too_deep(Span::new(piece.file, piece.base + start, piece.base + end));
        }
    };
    let (start, mut rules, extra) = furthest_place(piece, start, positives);
    let found = Found::at(piece, start);
    // Where a piece of a policy may end, a new item may start: its words are
    // offered too (`defnie` → `define`).
    if piece.context == Context::Policy && rules.contains(&Rule::EOI) {
        rules.push(Rule::item);
    }
    let meant = match &found {
        Found::Word(word) => words::nearest_of(word, || {
            let spelled = extra.iter().filter_map(|p| match p {
                Phrase::Token(w) if w.starts_with(char::is_alphanumeric) => Some(*w),
                _ => None,
            });
            rules
                .iter()
                .flat_map(|r| words::words_of(*r).iter().copied())
                .chain(spelled)
        }),
        _ => None,
    };
    let phrases = expected::phrases(&rules, piece.context, meant, &extra);
    let first = phrases.first().map_or(SyntaxMsg::SomethingElse.into(), |p| p.text());
    let span = Span::new(
        piece.file,
        piece.base + start,
        piece.base + start + found.len(piece.text, start),
    );
    let d = Diagnostic::error(
        Code::Syntax,
        SyntaxMsg::SyntaxError.with([expected::describe(&phrases), found.describe()]),
    )
    .at(span, SyntaxMsg::Expected.with([first]));
    match (meant, found.hint()) {
        (Some(word), _) => d.with_help(suggestion(word)),
        (None, Some(hint)) => d.with_help(hint),
        (None, None) => d.with_help(SyntaxMsg::SyntaxHelp),
    }
}

/// ASCII signs the grammar needs, and their full-width forms, which a Chinese input
/// method types: `（`, `，`, `：`.
const FULL_WIDTH: &[(char, char)] = &[
    ('（', '('),
    ('）', ')'),
    ('｛', '{'),
    ('｝', '}'),
    ('［', '['),
    ('］', ']'),
    ('，', ','),
    ('：', ':'),
    ('＝', '='),
    ('＜', '<'),
    ('＞', '>'),
    ('＋', '+'),
    ('－', '-'),
    ('＊', '*'),
    ('？', '?'),
    ('．', '.'),
    ('“', '"'),
    ('”', '"'),
    ('＂', '"'),
];

/// Where the error is, the rules expected there, and the signs (and, where no rule
/// got as far, the words) expected there. The rules pest names were tried where the
/// last rule was; the signs it tried may have got further (after `a "a"` of an enum,
/// only `,` or `}` would do). Inside a date or a number only digits got further: the
/// rules say more there.
fn furthest_place(piece: &Piece, start: usize, positives: &[Rule]) -> (usize, Vec<Rule>, Vec<Phrase>) {
    match detail::furthest(piece.rule, piece.text) {
        Some(f) if f.at > start && f.at <= piece.text.len() && !(f.signs.is_empty() && f.words.is_empty()) => {
            let extra = f.signs.into_iter().chain(f.words.into_iter().map(Phrase::Token));
            (f.at, Vec::new(), extra.collect())
        }
        Some(f) if f.at == start => (start, positives.to_vec(), f.signs),
        _ => (start, positives.to_vec(), Vec::new()),
    }
}

/// What the parser found where it stopped.
enum Found<'t> {
    /// A word (letters, digits, `_`): shown whole.
    Word(&'t str),
    /// Any other character.
    Char(char),
    /// Nothing but blanks and comments up to the end of the piece.
    End { ends_file: bool, expression: bool },
}

impl<'t> Found<'t> {
    fn at(piece: &Piece<'t>, start: usize) -> Found<'t> {
        let rest = piece.text.get(start..).unwrap_or("");
        let word_len: usize = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum();
        if word_len > 0 {
            return Found::Word(&rest[..word_len]);
        }
        let blank = blank_prefix_end(rest);
        match rest.chars().next() {
            Some(c) if blank < rest.len() => Found::Char(c),
            _ => Found::End {
                ends_file: piece.ends_file,
                expression: piece.context == Context::Expression,
            },
        }
    }

    /// How many bytes of the text to underline.
    fn len(&self, text: &str, start: usize) -> usize {
        match self {
            Found::Word(word) => word.len(),
            _ => next_char_end(text, start) - start,
        }
    }

    /// A hint for what was found, where it is a known slip: a full-width sign, a
    /// keyword where a name goes, a keyword run into the name after it (`当个人`).
    fn hint(&self) -> Option<Text> {
        match self {
            Found::Char(c) => FULL_WIDTH
                .iter()
                .find(|(wide, _)| wide == c)
                .map(|(wide, ascii)| SyntaxMsg::FullWidthSign.with([wide.to_string(), ascii.to_string()])),
            Found::Word(word) => {
                if let Some(k) = keyword(word) {
                    return Some(SyntaxMsg::KeywordAsName.with([*word, k.english[0]]));
                }
                // The longest keyword the word starts with, a name after it.
                let glued = KEYWORDS
                    .iter()
                    .flat_map(|k| std::iter::once(k.chinese).chain(k.english.iter().copied()))
                    .filter(|kw| !kw.is_ascii() && word.len() > kw.len() && word.starts_with(kw))
                    .max_by_key(|kw| kw.len())?;
                let (kw, rest) = word.split_at(glued.len());
                Some(SyntaxMsg::KeywordGlued.with([*word, kw, rest]))
            }
            Found::End { .. } => None,
        }
    }

    fn describe(&self) -> Text {
        match self {
            Found::Word(word) => SyntaxMsg::FoundCode.with([*word]),
            Found::Char('\n') => SyntaxMsg::EndOfLine.into(),
            Found::Char(c) => SyntaxMsg::FoundCode.with([c.to_string()]),
            Found::End { expression: true, .. } => SyntaxMsg::EndOfLine.into(),
            Found::End { ends_file: true, .. } => SyntaxMsg::EndOfFile.into(),
            Found::End { ends_file: false, .. } => SyntaxMsg::NextItem.into(),
        }
    }
}

/// The length of the blanks and `//` comments at the start of `text`.
fn blank_prefix_end(text: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if !trimmed.starts_with("//") {
            return at;
        }
        at += trimmed.find('\n').unwrap_or(trimmed.len());
    }
}

fn next_char_end(text: &str, pos: usize) -> usize {
    text[pos.min(text.len())..]
        .chars()
        .next()
        .map_or(pos, |c| pos + c.len_utf8())
}
