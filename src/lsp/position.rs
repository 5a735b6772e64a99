//! Places in a text as the protocol gives them: a line and a column counted in UTF-16
//! code units (the protocol's default), to and from byte offsets.

use lsp_types::{Position, Range};

/// The position of byte `offset` of `text` (clamped to the text, and back to the start
/// of the character it falls in).
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let line = before.matches('\n').count();
    let column: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, column as u32)
}

/// The range of bytes `start..end` of `text`.
pub fn range_of(text: &str, start: usize, end: usize) -> Range {
    Range::new(position_of(text, start), position_of(text, end.max(start)))
}

/// The byte offset of `position` in `text`: past the end of its line, the line's end;
/// past the last line, the text's end.
pub fn offset_of(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(n) => line_start += n + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |n| line_start + n);
    let mut units = 0u32;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= position.character {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_and_come_back() {
        let text = "ab\n定义 年龄 = 𝒳x\n";
        let at = text.find("年龄").unwrap();
        assert_eq!(position_of(text, at), Position::new(1, 3));
        assert_eq!(offset_of(text, Position::new(1, 3)), at);
        // A character outside the BMP is two units.
        let x = text.rfind('x').unwrap();
        assert_eq!(position_of(text, x), Position::new(1, 10));
        assert_eq!(offset_of(text, Position::new(1, 10)), x);
        assert_eq!(offset_of(text, Position::new(1, 99)), text.len() - 1);
        assert_eq!(offset_of(text, Position::new(9, 0)), text.len());
    }
}
