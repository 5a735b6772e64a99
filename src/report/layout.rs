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
}
