//! Text laid out for a terminal: lines cut or wrapped to a width in columns, where a
//! Chinese character takes two.

use std::borrow::Cow;
use textwrap::core::display_width;

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

/// A hyphen no line may break at (U+2011), standing in for `-` while a line is wrapped.
const GLUED_HYPHEN: char = '\u{2011}';

/// `text` with each `-` between two ASCII letters or digits glued: the line-breaking
/// rules would break a date (`2025-` / `09-01`) or an id there. Text that already held
/// U+2011 is left as it is.
fn glue_hyphens(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('-') || text.contains(GLUED_HYPHEN) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let glued = chars.iter().enumerate().map(|(i, &c)| {
        let between =
            i > 0 && chars[i - 1].is_ascii_alphanumeric() && chars.get(i + 1).is_some_and(char::is_ascii_alphanumeric);
        if c == '-' && between { GLUED_HYPHEN } else { c }
    });
    std::borrow::Cow::Owned(glued.collect())
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
        let content = glue_hyphens(body.trim_start_matches(' '));
        let indent = &body[..body.len() - body.trim_start_matches(' ').len()];
        let more = match column {
            Some(c) if c + 20 <= width => " ".repeat(c),
            _ => format!("{indent}  "),
        };
        let options = textwrap::Options::new(width.max(indent.len() + 12))
            .initial_indent(indent)
            .subsequent_indent(&more)
            .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
            .break_words(false);
        for (k, piece) in textwrap::wrap(&content, &options).iter().enumerate() {
            if k > 0 {
                out.push('\n');
            }
            match content {
                std::borrow::Cow::Owned(_) => {
                    out.extend(piece.chars().map(|c| if c == GLUED_HYPHEN { '-' } else { c }))
                }
                std::borrow::Cow::Borrowed(_) => out.push_str(piece),
            }
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
        let english = "  every household member is unemployed: no (the condition on household members ✗)";
        for piece in wrap_lines(english, 30).lines() {
            assert!(display_width(piece) <= 30, "{piece:?}");
            assert!(!piece.ends_with(' '), "{piece:?}");
        }
    }
}
