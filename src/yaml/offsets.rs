//! Character indices (what `saphyr-parser` reports) to byte offsets (what [`Span`]s
//! hold).
//!
//! [`Span`]: crate::source::Span

/// A table from character index to byte offset in one text.
#[derive(Debug, Clone)]
pub(crate) struct Offsets {
    /// Byte offset of each character, and the text's length at the end; empty when the
    /// text is ASCII (character index = byte offset).
    starts: Vec<usize>,
    /// The text's length in bytes.
    len: usize,
}

impl Offsets {
    /// The table for a text.
    pub(crate) fn new(text: &str) -> Offsets {
        let starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        };
        Offsets {
            starts,
            len: text.len(),
        }
    }

    /// The byte offset of a character index (the text's end when past it).
    pub(crate) fn byte(&self, char_index: usize) -> usize {
        if self.starts.is_empty() {
            char_index.min(self.len)
        } else {
            self.starts.get(char_index).copied().unwrap_or(self.len)
        }
    }

    /// The character index of a byte offset on a character boundary.
    pub(crate) fn char_index(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            byte.min(self.len)
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
        let o = Offsets::new("a年b");
        assert_eq!((o.byte(0), o.byte(1), o.byte(2), o.byte(3), o.byte(9)), (0, 1, 4, 5, 5));
        assert_eq!(
            (o.char_index(0), o.char_index(1), o.char_index(4), o.char_index(5)),
            (0, 1, 2, 3)
        );
        let ascii = Offsets::new("abc");
        assert_eq!((ascii.byte(2), ascii.byte(7), ascii.char_index(3)), (2, 3, 3));
    }
}
