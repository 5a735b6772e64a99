//! Text laid out for a terminal: lines cut or wrapped to a width in columns, where a
//! Chinese character takes two.

use std::borrow::Cow;
use textwrap::WordSeparator;
use textwrap::core::{Word, display_width};

/// `text` cut to at most `width` columns, ending in `…` when it was cut.
pub fn cut_to_width(text: &str, width: usize) -> Cow<'_, str> {
    if display_width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut buf));
        // One column is kept for the `…`.
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// The words of a line as the Unicode line-breaking rules find them (Chinese may break
/// between characters), except that a run of ASCII without a space is one word: a date
/// (`2025-09-01`), an id, an option (`--max-case-bytes`) or a path is never cut.
pub fn words_of(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for w in WordSeparator::UnicodeBreakProperties.find_words(line) {
        let end = at + w.word.len() + w.whitespace.len();
        let joins = pieces.last().is_some_and(|&(start, prev_end)| {
            let ascii = |c: char| c.is_ascii_graphic();
            line[start..prev_end].ends_with(ascii) && w.word.starts_with(ascii)
        });
        match pieces.last_mut() {
            Some(last) if joins => last.1 = end,
            _ => pieces.push((at, end)),
        }
        at = end;
    }
    Box::new(pieces.into_iter().map(move |(a, b)| Word::from(&line[a..b])))
}

/// How zhengce wraps text at `width` columns: between the words of [`words_of`], never
/// by hyphenation, never inside a word.
pub fn wrap_options<'a>(width: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .word_separator(WordSeparator::Custom(words_of))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
}

/// Every line of `text` that is wider than `width` columns wrapped between words (by
/// the Unicode line-breaking rules: Chinese may break between characters, a date or a
/// number never), its continuation lines indented two columns more than it.
pub fn wrap_lines(text: &str, width: usize) -> String {
    wrap(text, width, None)
}

/// [`wrap_lines`] for a two-column table (a name, then what it is): continuation lines
/// start under the second column, at `column`, when the width leaves room there.
pub fn wrap_table(text: &str, width: usize, column: usize) -> String {
    wrap(text, width, Some(column))
}

/// Wraps every line wider than `width`; continuation lines at `column`, else two
/// columns in from the line's own indent.
fn wrap(text: &str, width: usize, column: Option<usize>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        let content = body.trim_start_matches(' ');
        let indent = &body[..body.len() - body.trim_start_matches(' ').len()];
        let more = match column {
            Some(c) if c + 20 <= width => " ".repeat(c),
            _ => format!("{indent}  "),
        };
        let options = wrap_options(width.max(indent.len() + 12))
            .initial_indent(indent)
            .subsequent_indent(&more);
        for (k, piece) in textwrap::wrap(content, &options).iter().enumerate() {
            if k > 0 {
                out.push('\n');
            }
            out.push_str(piece);
        }
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_by_columns() {
        assert_eq!(cut_to_width("abc", 3), "abc");
        assert_eq!(cut_to_width("abcd", 3), "ab…");
        assert_eq!(cut_to_width("男满五十周岁", 6), "男满…");
        assert_eq!(cut_to_width("男满五十周岁", 12), "男满五十周岁");
    }

    #[test]
    fn lines_wrap_between_words_never_inside_a_date() {
        let line = "    登记失业日期 2025-01-10 ≤ 评估日 2025-09-01 ✓；处于失业状态：是（就业状态 失业 为 失业 ✓）；评估日 2025-09-01 ≥ 登记失业日期 2025-01-10 + 6个月 = 2025-07-10 ✓\n";
        for width in [30, 40, 57, 80] {
            let wrapped = wrap_lines(line, width);
            assert!(wrapped.ends_with('\n'));
            for piece in wrapped.lines() {
                assert!(display_width(piece) <= width, "{width}: {piece:?}");
                assert!(piece.starts_with("    "), "{piece:?}");
            }
            let dates = wrapped.matches("2025-").count();
            assert_eq!(dates, 5, "{wrapped}");
            for date in ["2025-01-10", "2025-09-01", "2025-07-10"] {
                assert!(wrapped.contains(date), "{width}: {wrapped}");
            }
        }
        assert_eq!(wrap_lines("short\n", 80), "short\n");
        let table = "  :as-of [DATE]   evaluate on DATE (YYYY-MM-DD); alone: on the case's own as_of\n";
        let wrapped = wrap_table(table, 50, 18);
        let pieces: Vec<&str> = wrapped.lines().collect();
        assert!(
            pieces.len() > 1 && pieces[1..].iter().all(|p| p.starts_with(&" ".repeat(18))),
            "{wrapped}"
        );
        assert!(pieces.iter().all(|p| display_width(p) <= 50), "{wrapped}");
        let option = wrap_lines("raise the limit with `--max-policy-bytes` please", 30);
        assert!(option.contains("`--max-policy-bytes`"), "{option}");
        let english = "  every household member is unemployed: no (the condition on household members ✗)";
        for piece in wrap_lines(english, 30).lines() {
            assert!(display_width(piece) <= 30, "{piece:?}");
            assert!(!piece.ends_with(' '), "{piece:?}");
        }
    }
}
