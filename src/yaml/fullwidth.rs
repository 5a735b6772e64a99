//! Full-width punctuation that a Chinese input method types where YAML needs ASCII:
//! `：` after a key, `　` (ideographic space) in indentation and around a key's colon,
//! and `，` between the items of a flow list. Each is read as its ASCII form, and the
//! case gets a warning naming the line ([`warnings`]); nothing else is touched.
//!
//! Only a key made of ASCII letters, digits and `_` (every schema name) counts as a key,
//! so text in a value (`说明：……`), in quotes, in a comment or in a block scalar stays as
//! written: zhengce reads what is unambiguous and guesses at nothing else.
//!
//! The rewritten piece keeps a table from each of its characters to the byte of the
//! original text it stands for, so every span still points into the file as written.

use super::messages::YamlMsg;
use crate::diagnostic::list;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

const COLON: char = '：';
const SPACE: char = '\u{3000}';
const COMMA: char = '，';

/// A piece of YAML with its full-width punctuation read as ASCII.
pub(super) struct Rewritten {
    /// The rewritten text of the piece.
    pub text: String,
    /// The original byte offset of each character of `text`, then the piece's end.
    pub starts: Vec<usize>,
    /// The original byte offset of each character replaced, in order.
    pub replaced: Vec<usize>,
}

/// `text[start..end]` with its full-width punctuation read as ASCII; `None` when it has
/// none to read.
pub(super) fn rewrite(text: &str, start: usize, end: usize) -> Option<Rewritten> {
    let piece = text.get(start..end)?;
    if !piece.contains([COLON, SPACE, COMMA]) {
        return None;
    }
    let mut out = Rewritten {
        text: String::with_capacity(piece.len()),
        starts: Vec::with_capacity(piece.len() + 1),
        replaced: Vec::new(),
    };
    // The indentation of a key whose value is a block scalar (`|`, `>`): lines indented
    // deeper are its text.
    let mut block: Option<usize> = None;
    let mut at = start;
    for line in piece.split_inclusive('\n') {
        let chars: Vec<(usize, char)> = line.char_indices().map(|(i, c)| (at + i, c)).collect();
        let indent = chars.iter().take_while(|(_, c)| *c == ' ' || *c == SPACE).count();
        let blank = chars.iter().all(|(_, c)| c.is_whitespace());
        match block {
            Some(key_indent) if blank || indent > key_indent => out.keep_all(&chars),
            _ => block = LineReader::new(&mut out, &chars).read().then_some(indent),
        }
        at += line.len();
    }
    if out.replaced.is_empty() {
        return None;
    }
    out.starts.push(end);
    Some(out)
}

impl Rewritten {
    fn keep(&mut self, (at, c): (usize, char)) {
        self.text.push(c);
        self.starts.push(at);
    }

    fn keep_all(&mut self, chars: &[(usize, char)]) {
        chars.iter().for_each(|&c| self.keep(c));
    }

    /// Writes `ascii` for the full-width character at `at`.
    fn replace(&mut self, at: usize, ascii: char) {
        self.replaced.push(at);
        self.keep((at, ascii));
    }

    /// A space the full-width colon or comma at `at` needs after it in YAML; it stands
    /// for the byte after that character.
    fn insert_space(&mut self, at: usize, width: usize) {
        self.keep((at + width, ' '));
    }

    /// The byte offset in `text` of character `index` (its length past the end).
    pub fn byte_of_char(&self, index: usize) -> usize {
        self.text.char_indices().nth(index).map_or(self.text.len(), |(i, _)| i)
    }
}

/// One line being rewritten.
struct LineReader<'a> {
    out: &'a mut Rewritten,
    chars: &'a [(usize, char)],
    i: usize,
}

impl<'a> LineReader<'a> {
    fn new(out: &'a mut Rewritten, chars: &'a [(usize, char)]) -> LineReader<'a> {
        LineReader { out, chars, i: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).map(|&(_, c)| c)
    }

    /// Reads the line; true when its value opens a block scalar.
    fn read(mut self) -> bool {
        // Indentation and sequence markers (`- `).
        loop {
            self.spaces();
            match (self.peek(), self.chars.get(self.i + 1).map(|&(_, c)| c)) {
                (Some('-'), None | Some(' ' | SPACE | '\n' | '\r')) => self.copy(),
                _ => break,
            }
        }
        let mut block = false;
        if matches!(self.peek(), Some('[' | '{')) {
            self.flow();
        } else if self.key() {
            self.spaces();
            match self.peek() {
                Some('[' | '{') => self.flow(),
                Some('|' | '>') => block = true,
                _ => {}
            }
        }
        let rest = &self.chars[self.i.min(self.chars.len())..];
        self.out.keep_all(rest);
        block
    }

    fn copy(&mut self) {
        if let Some(&c) = self.chars.get(self.i) {
            self.out.keep(c);
            self.i += 1;
        }
    }

    /// Spaces, full-width ones read as ASCII.
    fn spaces(&mut self) {
        while let Some(&(at, c)) = self.chars.get(self.i) {
            match c {
                ' ' => self.out.keep((at, c)),
                SPACE => self.out.replace(at, ' '),
                _ => break,
            }
            self.i += 1;
        }
    }

    /// A key (ASCII name, spaces, colon) at the cursor: copied with its colon read as
    /// ASCII; false, with nothing read, when there is none.
    fn key(&mut self) -> bool {
        let name = self.chars[self.i.min(self.chars.len())..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        if name == 0 || self.chars.get(self.i).is_some_and(|(_, c)| c.is_ascii_digit()) {
            return false;
        }
        let after_name = self.i + name;
        let gap = self.chars[after_name..]
            .iter()
            .take_while(|(_, c)| *c == ' ' || *c == SPACE)
            .count();
        let Some(&(colon_at, colon)) = self.chars.get(after_name + gap) else {
            return false;
        };
        if colon != ':' && colon != COLON {
            return false;
        }
        for _ in 0..name {
            self.copy();
        }
        self.spaces();
        self.i += 1;
        if colon == ':' {
            self.out.keep((colon_at, ':'));
        } else {
            self.out.replace(colon_at, ':');
            if !matches!(self.peek(), Some(' ' | SPACE | '\n' | '\r') | None) {
                self.out.insert_space(colon_at, COLON.len_utf8());
            }
        }
        true
    }

    /// The rest of a line that opens a flow collection: `，` between items, `：` after
    /// keys and full-width spaces read as ASCII, outside quotes and comments.
    fn flow(&mut self) {
        let mut quote: Option<char> = None;
        let mut item_start = true;
        while let Some(&(at, c)) = self.chars.get(self.i) {
            if let Some(q) = quote {
                quote = (c != q).then_some(q);
                self.copy();
                continue;
            }
            if item_start && self.key() {
                item_start = false;
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '#' if self.i > 0 && matches!(self.chars[self.i - 1].1, ' ' | SPACE) => return,
                COMMA => {
                    self.out.replace(at, ',');
                    self.i += 1;
                    if !matches!(self.peek(), Some(' ' | SPACE)) {
                        self.out.insert_space(at, COMMA.len_utf8());
                    }
                    item_start = true;
                    continue;
                }
                SPACE => {
                    self.out.replace(at, ' ');
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            // A key may follow the opening bracket or a comma, after spaces.
            if c != ' ' {
                item_start = matches!(c, '[' | '{' | ',');
            }
            self.copy();
        }
    }
}

/// One warning per line on which full-width punctuation was read as ASCII, at its
/// first such character; `text` is the original text, `replaced` in order.
pub(super) fn warnings(file: FileId, text: &str, replaced: &[usize]) -> Vec<(usize, Diagnostic)> {
    let kind_of = |at: usize| text.get(at..).and_then(|t| t.chars().next());
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&first) = replaced.get(i) {
        let line_end = text
            .get(first..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |k| first + k);
        let on_line = replaced[i..].iter().take_while(|&&at| at < line_end).count();
        let found = [
            (COLON, YamlMsg::FullWidthColon),
            (SPACE, YamlMsg::FullWidthSpace),
            (COMMA, YamlMsg::FullWidthComma),
        ]
        .into_iter()
        .filter(|(c, _)| replaced[i..i + on_line].iter().any(|&at| kind_of(at) == Some(*c)))
        .map(|(c, what)| what.with([c.to_string()]));
        let width = kind_of(first).map_or(1, char::len_utf8);
        let d = Diagnostic::warning(Code::FullWidthPunctuation, YamlMsg::FullWidth.with([list(found)]))
            .at(Span::new(file, first, first + width), YamlMsg::LabelFullWidth)
            .with_help(YamlMsg::HelpFullWidth);
        out.push((first, d));
        i += on_line.max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        rewrite(text, 0, text.len()).map_or_else(|| text.to_string(), |r| r.text)
    }

    #[test]
    fn keys_indentation_and_flow_lists_are_read_as_ascii() {
        assert_eq!(read("dibao：true\n"), "dibao: true\n");
        assert_eq!(read("dibao： true\n"), "dibao: true\n");
        assert_eq!(read("　dibao: true\n"), " dibao: true\n");
        assert_eq!(read("person:\n　　gender：male\n"), "person:\n  gender: male\n");
        assert_eq!(read("- 　date：2025-01-01\n"), "-  date: 2025-01-01\n");
        assert_eq!(read("kinds: [a，b，c]\n"), "kinds: [a, b, c]\n");
        assert_eq!(
            read("person: {gender：male，birth_date： 1975-03-10}\n"),
            "person: {gender: male, birth_date: 1975-03-10}\n"
        );
    }

    #[test]
    fn text_in_values_quotes_comments_and_block_scalars_stays_as_written() {
        for text in [
            "note: 说明：内容，其他\n",
            "note: \"a：b\"\n",
            "kinds: ['a，b'] # 注：x，y\n",
            "note: |\n  　key：value\n",
            "说明：x\n",
            "1x：y\n",
        ] {
            assert!(rewrite(text, 0, text.len()).is_none(), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Any mix of YAML punctuation, full-width characters and text: the table has
        /// one original place per character, in order, each on a character boundary,
        /// and the parser's every span lands on boundaries of the text as written.
        #[test]
        fn every_place_is_a_boundary_of_the_original(
            text in "[a-z_：　，:,\\[\\]{}'\"#|>\\- \n说]{0,40}"
        ) {
            if let Some(r) = rewrite(&text, 0, text.len()) {
                proptest::prop_assert_eq!(r.starts.len(), r.text.chars().count() + 1);
                proptest::prop_assert!(r.starts.windows(2).all(|w| w[0] <= w[1]));
                proptest::prop_assert!(r.starts.iter().all(|&b| text.is_char_boundary(b)));
            }
            for doc in crate::yaml::parse_documents(FileId(0), &text) {
                for d in &doc.diagnostics {
                    if let Some(span) = d.span {
                        proptest::prop_assert!(text.is_char_boundary(span.start as usize));
                        proptest::prop_assert!(text.is_char_boundary(span.end as usize));
                    }
                }
            }
        }
    }

    #[test]
    fn every_character_maps_to_its_place_in_the_original() {
        let text = "a：b\n";
        let r = rewrite(text, 0, text.len()).unwrap();
        assert_eq!(r.text, "a: b\n");
        // a, `：` read as `:`, the space it needs (after `：`), b, newline, end.
        assert_eq!(r.starts, [0, 1, 4, 4, 5, 6]);
        assert_eq!(r.replaced, [1]);
        let warnings = warnings(FileId(0), text, &r.replaced);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].1.span, Some(Span::new(FileId(0), 1, 4)));
    }
}
