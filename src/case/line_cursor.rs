//! The fast path's way through one JSON line. Batch producers write compact JSON: no
//! blanks between tokens, keys and texts with nothing escaped. Those tokens are read
//! in place from the line's bytes (a plain text is its bytes, already known to be
//! UTF-8), which is most of the line; anything else (blanks, escapes, numbers, and
//! every error) is left to jiter, started where the cursor is. So jiter stays the judge
//! of what is JSON: the cursor accepts only tokens jiter reads the same way, and gives
//! up nothing jiter would accept.

use super::plain_date::{plain_date, plain_month};
use jiter::{Jiter, JiterError, Peek};

/// A place in a JSON line.
pub(super) struct LineCursor<'t> {
    line: &'t str,
    /// Where the next token, or the blanks before it, starts.
    pos: usize,
}

impl<'t> LineCursor<'t> {
    /// A cursor at the start of `line`.
    pub fn new(line: &'t str) -> LineCursor<'t> {
        LineCursor { line, pos: 0 }
    }

    /// The byte offset it is at.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.line.as_bytes().get(at).copied()
    }

    /// Runs jiter from here, and moves past what it read (kept out of line: it is the
    /// rare way).
    #[cold]
    #[inline(never)]
    fn jiter<R>(&mut self, read: impl FnOnce(&mut Jiter<'t>) -> Result<R, JiterError>) -> Result<R, JiterError> {
        let rest = self.line.as_bytes().get(self.pos..).unwrap_or_default();
        let mut jiter = Jiter::new(rest);
        let value = read(&mut jiter)?;
        self.pos += jiter.current_index();
        Ok(value)
    }

    /// The kind of the next value, past the blanks before it (as [`Jiter::peek`]).
    pub fn peek(&mut self) -> Result<Peek, JiterError> {
        match self.byte(self.pos) {
            Some(b' ' | b'\t' | b'\n' | b'\r') | None => self.jiter(|j| j.peek()),
            Some(b) => Ok(Peek::new(b)),
        }
    }

    /// At a string: its text, given to `read` (as [`Jiter::known_str`]).
    pub fn string<R>(&mut self, read: impl FnOnce(&str) -> R) -> Result<R, JiterError> {
        if let Some((text, end)) = plain_text(self.line, self.pos) {
            self.pos = end;
            return Ok(read(text));
        }
        self.jiter(|j| Ok(read(j.known_str()?)))
    }

    /// At a date written plainly, `"YYYY-MM-DD"` with nothing escaped (the common
    /// case of a date field): the date, and the cursor moves past it. `None` (and the
    /// cursor stays) for anything else, which is read as a string.
    pub fn plain_date(&mut self) -> Option<chrono::NaiveDate> {
        let text = self.line.as_bytes().get(self.pos..self.pos + 12)?;
        let date = match text {
            [b'"', date @ .., b'"'] => plain_date(date)?,
            _ => return None,
        };
        self.pos += 12;
        Some(date)
    }

    /// At a month written plainly, `"YYYY-MM"` with nothing escaped: the month, and the
    /// cursor moves past it. `None` (and the cursor stays) for anything else, which is
    /// read as a string.
    pub fn plain_month(&mut self) -> Option<crate::value::YearMonth> {
        let text = self.line.as_bytes().get(self.pos..self.pos + 9)?;
        let month = match text {
            [b'"', month @ ..] => plain_month(month)?,
            _ => return None,
        };
        self.pos += 9;
        Some(month)
    }

    /// At `true` or `false` (as [`Jiter::known_bool`]).
    pub fn bool(&mut self, peek: Peek) -> Result<bool, JiterError> {
        let rest = self.line.as_bytes().get(self.pos..).unwrap_or_default();
        if rest.starts_with(b"true") {
            self.pos += 4;
            return Ok(true);
        }
        if rest.starts_with(b"false") {
            self.pos += 5;
            return Ok(false);
        }
        self.jiter(|j| j.known_bool(peek))
    }

    /// At `null` (as [`Jiter::known_null`]).
    pub fn null(&mut self) -> Result<(), JiterError> {
        if self
            .line
            .as_bytes()
            .get(self.pos..)
            .unwrap_or_default()
            .starts_with(b"null")
        {
            self.pos += 4;
            return Ok(());
        }
        self.jiter(|j| j.known_null())
    }

    /// At a number: its text, given to `read` (as [`Jiter::known_number_bytes`]).
    pub fn number<R>(&mut self, peek: Peek, read: impl FnOnce(&[u8]) -> R) -> Result<R, JiterError> {
        self.jiter(|j| Ok(read(j.known_number_bytes(peek)?)))
    }

    /// At a `{`: its first key, given to `read`, or `None` when it is empty (as
    /// [`Jiter::known_object`]).
    pub fn object_first<R>(&mut self, read: impl FnOnce(&str) -> R) -> Result<Option<R>, JiterError> {
        match self.byte(self.pos + 1) {
            Some(b'}') => {
                self.pos += 2;
                return Ok(None);
            }
            Some(b'"') => {
                if let Some((key, end)) = plain_key(self.line, self.pos + 1) {
                    self.pos = end;
                    return Ok(Some(read(key)));
                }
            }
            _ => {}
        }
        self.jiter(|j| Ok(j.known_object()?.map(read)))
    }

    /// After a member of an object: the next key, given to `read`, or `None` at its
    /// end (as [`Jiter::next_key`]).
    pub fn object_next<R>(&mut self, read: impl FnOnce(&str) -> R) -> Result<Option<R>, JiterError> {
        match self.byte(self.pos) {
            Some(b'}') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b',') => {
                if let Some((key, end)) = plain_key(self.line, self.pos + 1) {
                    self.pos = end;
                    return Ok(Some(read(key)));
                }
            }
            _ => {}
        }
        self.jiter(|j| Ok(j.next_key()?.map(read)))
    }

    /// Whether the key after the `{` (`first`) or the `,` here is `name`, written
    /// plainly and followed by its `:`; if so, moves to its value. `name` is a field
    /// name, an identifier (the grammar's `ident`), so it holds no quote, backslash or
    /// control character, and these bytes are that key with nothing escaped.
    #[inline]
    pub fn key_is(&mut self, first: bool, name: &str) -> bool {
        let name = name.as_bytes();
        let opener = if first { b'{' } else { b',' };
        // `{"name":` or `,"name":`, all looked at in one slice of the line.
        let Some([open, quote, rest @ ..]) = self.line.as_bytes().get(self.pos..self.pos + name.len() + 4) else {
            return false;
        };
        let Some((key, [close, colon])) = rest.split_last_chunk::<2>() else {
            return false;
        };
        let found = *open == opener && *quote == b'"' && *close == b'"' && *colon == b':' && same_bytes(key, name);
        if found {
            self.pos += name.len() + 4;
        }
        found
    }

    /// Whether the object ends here, at a `}` (the cursor then moves past it); when not,
    /// [`Self::object_next`] reads what is here.
    pub fn object_end(&mut self) -> bool {
        let end = self.byte(self.pos) == Some(b'}');
        self.pos += usize::from(end);
        end
    }

    /// At a `[`: the kind of its first value, or `None` when it is empty (as
    /// [`Jiter::known_array`]).
    pub fn array_first(&mut self) -> Result<Option<Peek>, JiterError> {
        match self.byte(self.pos + 1) {
            Some(b']') => {
                self.pos += 2;
                Ok(None)
            }
            Some(b) if !is_blank(b) => {
                self.pos += 1;
                Ok(Some(Peek::new(b)))
            }
            _ => self.jiter(|j| j.known_array()),
        }
    }

    /// After a value of an array: the kind of the next one, or `None` at its end (as
    /// [`Jiter::array_step`]).
    pub fn array_next(&mut self) -> Result<Option<Peek>, JiterError> {
        match (self.byte(self.pos), self.byte(self.pos + 1)) {
            (Some(b']'), _) => {
                self.pos += 1;
                Ok(None)
            }
            (Some(b','), Some(b)) if !is_blank(b) && b != b']' => {
                self.pos += 1;
                Ok(Some(Peek::new(b)))
            }
            _ => self.jiter(|j| j.array_step()),
        }
    }

    /// Past the last value: only blanks may follow (as [`Jiter::finish`]).
    pub fn finish(&mut self) -> Result<(), JiterError> {
        if self.pos == self.line.len() {
            return Ok(());
        }
        self.jiter(|j| j.finish())
    }
}

/// Whether two byte strings are equal, compared a word at a time in place: keys are
/// short, and a call to `memcmp` for each cost more than the comparing.
#[inline]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // The bytes after the last whole word are compared as a word too: the last eight
    // bytes (or four), overlapping the ones before, rather than one at a time.
    if let (Some(a_last), Some(b_last)) = (a.last_chunk::<8>(), b.last_chunk::<8>()) {
        let (a_words, b_words) = (a.as_chunks::<8>().0, b.as_chunks::<8>().0);
        return a_words
            .iter()
            .zip(b_words)
            .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y))
            && u64::from_ne_bytes(*a_last) == u64::from_ne_bytes(*b_last);
    }
    if let (Some(a_first), Some(b_first), Some(a_last), Some(b_last)) = (
        a.first_chunk::<4>(),
        b.first_chunk::<4>(),
        a.last_chunk::<4>(),
        b.last_chunk::<4>(),
    ) {
        return u32::from_ne_bytes(*a_first) == u32::from_ne_bytes(*b_first)
            && u32::from_ne_bytes(*a_last) == u32::from_ne_bytes(*b_last);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The string at `at` when nothing in it is escaped (no `\`, no control character),
/// and where it ends; `None` for any other string, for jiter.
#[inline]
fn plain_text(line: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = line.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let start = at + 1;
    let end = start + text_end(bytes.get(start..)?)?;
    if bytes[end] != b'"' {
        return None;
    }
    // The quotes are ASCII, so the text between them is whole characters.
    Some((line.get(start..end)?, end + 1))
}

/// The place of the first quote, backslash or control character (the end of a text
/// with nothing escaped, or what stops it from being one), looked for a word of eight
/// bytes at a time: in a word, a byte is flagged when it is one of them, and the lowest
/// flag is exact (a wrong flag can only sit above a right one).
fn text_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The bytes of `word` that are zero, or (with `below`) less than `below`.
    let small = |word: u64, below: u8| word.wrapping_sub(ONES * u64::from(below)) & !word & HIGHS;
    let (words, rest) = bytes.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let word = u64::from_le_bytes(*word);
        let flags =
            small(word ^ (ONES * u64::from(b'"')), 1) | small(word ^ (ONES * u64::from(b'\\')), 1) | small(word, 0x20);
        if flags != 0 {
            return Some(i * 8 + flags.trailing_zeros() as usize / 8);
        }
    }
    let found = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(words.len() * 8 + found)
}

/// A plain key at `at` directly followed by its `:`, and where its value starts.
fn plain_key(line: &str, at: usize) -> Option<(&str, usize)> {
    let (key, end) = plain_text(line, at)?;
    (line.as_bytes().get(end) == Some(&b':')).then_some((key, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_texts_are_read_in_place_and_others_are_not() {
        assert_eq!(plain_text(r#""abc","#, 0), Some(("abc", 5)));
        assert_eq!(plain_text(r#""湖南""#, 0), Some(("湖南", 8)));
        assert_eq!(plain_text(r#""""#, 0), Some(("", 2)));
        assert_eq!(plain_text(r#""a\"b""#, 0), None);
        assert_eq!(plain_text("\"a\tb\"", 0), None);
        assert_eq!(plain_text(r#""abc"#, 0), None);
        assert_eq!(plain_key(r#""a":1"#, 0), Some(("a", 4)));
        assert_eq!(plain_key(r#""a" :1"#, 0), None);
    }

    #[test]
    fn the_end_of_a_text_is_found_as_byte_by_byte() {
        let by_bytes = |bytes: &[u8]| bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=u8::MAX {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert_eq!(text_end(&bytes), by_bytes(&bytes), "{b:#x} at {at} of {len}");
                    // A second stop after the first, and bytes at the top of the range.
                    bytes.push(b'"');
                    bytes.insert(0, 0xE6);
                    assert_eq!(text_end(&bytes), by_bytes(&bytes), "{b:#x} at {at} of {len}, with more");
                }
            }
        }
    }

    #[test]
    fn byte_strings_are_compared_whole() {
        let text = b"household_members_employed";
        for i in 0..=text.len() {
            for j in 0..=text.len() {
                assert_eq!(same_bytes(&text[..i], &text[..j]), i == j);
            }
            let mut other = text.to_vec();
            if let Some(b) = other.get_mut(i) {
                *b ^= 1;
                assert!(!same_bytes(text, &other));
            }
            // A byte changed anywhere in a string of any length.
            for k in 0..i {
                let mut other = text[..i].to_vec();
                other[k] ^= 0x20;
                assert!(!same_bytes(&text[..i], &other), "{i} bytes, the {k}th changed");
            }
        }
    }

    #[test]
    fn the_cursor_reads_as_jiter_does() {
        let line = r#"{"a":[true, false,null],"b" : "x\ny", "c":{}} "#;
        let mut c = LineCursor::new(line);
        assert_eq!(c.object_first(str::to_owned).ok(), Some(Some("a".into())));
        assert_eq!(c.array_first().ok(), Some(Some(Peek::True)));
        assert_eq!(c.bool(Peek::True).ok(), Some(true));
        assert_eq!(c.array_next().ok(), Some(Some(Peek::False)));
        assert_eq!(c.bool(Peek::False).ok(), Some(false));
        assert_eq!(c.array_next().ok(), Some(Some(Peek::Null)));
        assert!(c.null().is_ok());
        assert_eq!(c.array_next().ok(), Some(None));
        assert_eq!(c.object_next(str::to_owned).ok(), Some(Some("b".into())));
        assert_eq!(c.peek().ok(), Some(Peek::String));
        assert_eq!(c.string(str::to_owned).ok(), Some("x\ny".into()));
        assert_eq!(c.object_next(str::to_owned).ok(), Some(Some("c".into())));
        assert_eq!(c.peek().ok(), Some(Peek::Object));
        assert_eq!(c.object_first(str::to_owned).ok(), Some(None));
        assert_eq!(c.object_next(str::to_owned).ok(), Some(None));
        assert!(c.finish().is_ok());
        let mut bad = LineCursor::new(r#"{"a":1,}"#);
        assert!(bad.object_first(str::to_owned).is_ok());
        assert_eq!(bad.number(Peek::new(b'1'), <[u8]>::to_vec).ok(), Some(b"1".to_vec()));
        assert!(bad.object_next(str::to_owned).is_err());
    }
}
