//! Character indices (what `saphyr-parser` reports) to byte offsets (what [`Span`]s
//! hold).
//!
//! [`Span`]: crate::source::Span

/// A table from character index to byte offset in one piece `start..end` of a text:
/// character indices count from the piece's start, byte offsets from the text's.
#[derive(Debug, Clone)]
pub(crate) struct Offsets {
    /// Byte offset of each character, and the piece's end at the end; empty when the
    /// piece is ASCII (character index = byte offset - start).
    starts: Vec<usize>,
    /// The piece's first byte.
    start: usize,
    /// The piece's end.
    end: usize,
}

impl Offsets {
    /// The table for `text[start..end]` (both on character boundaries).
    pub(crate) fn new(text: &str, start: usize, end: usize) -> Offsets {
        let piece = text.get(start..end).unwrap_or("");
        let starts = if piece.is_ascii() {
            Vec::new()
        } else {
            piece
                .char_indices()
                .map(|(i, _)| start + i)
                .chain(std::iter::once(end))
                .collect()
        };
        Offsets { starts, start, end }
    }

    /// The table of a piece that was rewritten before parsing: `starts` holds the
    /// original byte offset of each character parsed, then the piece's end.
    pub(crate) fn rewritten(starts: Vec<usize>, start: usize, end: usize) -> Offsets {
        Offsets { starts, start, end }
    }

    /// The byte offset of a character index (the piece's end when past it).
    pub(crate) fn byte(&self, char_index: usize) -> usize {
        if self.starts.is_empty() {
            self.start.saturating_add(char_index).min(self.end)
        } else {
            self.starts.get(char_index).copied().unwrap_or(self.end)
        }
    }

    /// The character index of a byte offset on a character boundary.
    pub(crate) fn char_index(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            byte.clamp(self.start, self.end) - self.start
        } else {
            self.starts.partition_point(|&b| b < byte)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_both_ways() {
        let o = Offsets::new("a年b", 0, 5);
        assert_eq!((o.byte(0), o.byte(1), o.byte(2), o.byte(3), o.byte(9)), (0, 1, 4, 5, 5));
        assert_eq!(
            (o.char_index(0), o.char_index(1), o.char_index(4), o.char_index(5)),
            (0, 1, 2, 3)
        );
        let ascii = Offsets::new("abc", 0, 3);
        assert_eq!((ascii.byte(2), ascii.byte(7), ascii.char_index(3)), (2, 3, 3));
        let piece = Offsets::new("xx年b", 2, 6);
        assert_eq!((piece.byte(0), piece.byte(1), piece.char_index(5)), (2, 5, 1));
    }
}
