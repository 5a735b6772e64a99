//! Resident ID numbers (居民身份证号码) in what zhengce writes.
//!
//! Masking happens at the boundary: everything the command line and the REPL write
//! (standard output, standard error, report files) passes through a [`MaskingWriter`],
//! which masks every run of characters shaped like an ID number, wherever it stands
//! (in a value, a message, a case id, a file name, a source excerpt, glued to letters),
//! unless the user asks for `--show-pii` — or was masked with the same function just
//! before: a batch's records are masked by the worker that wrote them, in its own
//! cache ([`mask_in_place`]), and the writer lets lines so marked through as they are
//! ([`MaskedLines`]). Renderers need not know where an ID may hide.
//!
//! The shape: a run of 15 or more ASCII digits, the 18th possibly a check character
//! `X`/`x`. Fifteen digits is the first-generation number, eighteen the current one;
//! 16 and 17 are masked too, as an ID with a digit lost is still personal data, and so
//! is a longer run, which may be an ID glued to other digits (a large number in a
//! diagnostic is masked with it: privacy comes first). Masking keeps the first 6 and
//! the last 4 characters and the byte length (`430102********1234`), so byte offsets
//! into masked text stay valid.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

/// The shortest run masked.
const SHORTEST: usize = 15;

/// Whether output shows resident ID numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pii {
    /// Masked (the default).
    #[default]
    Mask,
    /// Shown in full (`--show-pii`).
    Show,
}

impl Pii {
    /// `Show` when the user asked for it.
    pub fn shown_if(show: bool) -> Pii {
        if show { Pii::Show } else { Pii::Mask }
    }

    /// The text as this setting shows it.
    pub fn apply<'a>(self, text: &'a str) -> Cow<'a, str> {
        match self {
            Pii::Mask => mask_ids(text),
            Pii::Show => Cow::Borrowed(text),
        }
    }
}

/// The byte ranges of every ID-shaped run in `bytes`, in order. Colour sequences
/// (`ESC [ … m`) between its characters do not end a run: a terminal shows the
/// digits side by side.
pub fn id_shaped_runs(bytes: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let (start, mut end, mut chars) = (i, i, 0);
            loop {
                match bytes.get(i) {
                    Some(b) if b.is_ascii_digit() => {
                        chars += 1;
                        i += 1;
                        end = i;
                    }
                    Some(b'X' | b'x') if chars >= 17 => {
                        chars += 1;
                        i += 1;
                        end = i;
                        break;
                    }
                    Some(0x1b) => match colour_sequence_len(&bytes[i..]) {
                        0 => break,
                        n => i += n,
                    },
                    _ => break,
                }
            }
            if chars >= SHORTEST {
                return Some(start..end);
            }
        }
        None
    })
}

/// The length of the ANSI control sequence (`ESC [` parameters, final byte) at the
/// start of `bytes`; 0 when there is none.
fn colour_sequence_len(bytes: &[u8]) -> usize {
    if bytes.get(1) != Some(&b'[') {
        return 0;
    }
    let body = bytes[2..].iter().take_while(|b| (0x20..=0x3f).contains(*b)).count();
    match bytes.get(2 + body) {
        Some(0x40..=0x7e) => 3 + body,
        _ => 0,
    }
}

/// `text` with every ID-shaped run masked (first 6 and last 4 characters kept);
/// borrowed when there is none.
pub fn mask_ids(text: &str) -> Cow<'_, str> {
    match mask_bytes(text.as_bytes()) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // Only ASCII digits became ASCII `*`: still UTF-8.
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// Bytes with every ID-shaped run masked; borrowed when there is none.
pub fn mask_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !may_hold_id(bytes) || id_shaped_runs(bytes).next().is_none() {
        return Cow::Borrowed(bytes);
    }
    let mut masked = bytes.to_vec();
    mask_in_place(&mut masked);
    Cow::Owned(masked)
}

/// The places of an ID-shaped run that masking stars: its characters (colour
/// sequences between them left as they are) but the first 6 and the last 4.
fn masked_places(bytes: &[u8], run: Range<usize>) -> Vec<usize> {
    let mut chars = Vec::new();
    let mut k = run.start;
    while k < run.end {
        match colour_sequence_len(&bytes[k..]) {
            0 => {
                chars.push(k);
                k += 1;
            }
            n => k += n,
        }
    }
    chars.drain(..6.min(chars.len()));
    chars.truncate(chars.len().saturating_sub(4));
    chars
}

/// Lines whose ID-shaped text is masked, as [`mask_in_place`] leaves them: only it
/// makes one, so that only lines it went through are written without a look
/// ([`MaskedLines::write_lines`]).
#[derive(Debug, Clone, Copy)]
pub struct Masked(());

/// Masks every ID-shaped run of `lines` (see [`mask_bytes`]) where it stands: masking
/// keeps the length. A batch's workers mask their records so, each while the bytes are
/// in its own cache, rather than the one thread that writes them all looking through
/// every byte again.
pub fn mask_in_place(lines: &mut [u8]) -> Masked {
    if may_hold_id(lines) {
        let runs: Vec<Range<usize>> = id_shaped_runs(lines).collect();
        for run in runs {
            for k in masked_places(lines, run) {
                lines[k] = b'*';
            }
        }
    }
    Masked(())
}

/// A writer of output that may be handed lines masked already.
pub trait MaskedLines: Write {
    /// Writes `lines`: as they are when they went through [`mask_in_place`] (`masked`)
    /// or this writer shows IDs, and they are complete lines after no held text; through
    /// the masking otherwise.
    fn write_lines(&mut self, lines: &[u8], masked: Option<Masked>) -> io::Result<()>;
}

impl<W: Write> MaskedLines for MaskingWriter<W> {
    fn write_lines(&mut self, lines: &[u8], masked: Option<Masked>) -> io::Result<()> {
        // Held text (the start of a line) would join the first of these lines: then
        // they go through the masking as any other text.
        let as_they_are = (masked.is_some() || self.pii == Pii::Show) && self.pending.is_empty();
        if as_they_are && lines.last().is_none_or(|b| *b == b'\n') {
            self.inner.write_all(lines)
        } else {
            self.write_all(lines)
        }
    }
}

/// Whether `bytes` may hold an ID-shaped run; `false` is sure. Everything written
/// passes here (a batch worker's chunk of records at once, megabytes with a trace), so
/// the bytes are gone through once, 64 at a time, each block looked at whole without an
/// early exit, so that the compiler can compare a block at once.
/// A run of 15 digits holds eight that start at a multiple of 8, so without such a word
/// of digits there is no run. Colour sequences join digits across other bytes: text
/// with an escape character may hold one.
fn may_hold_id(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        // Each byte's answer a byte of its own (all ones for a digit), which the
        // compiler works out 16 bytes at a time: twice as fast as testing each word
        // of the block for digits.
        let (mut digits, mut escape) = ([0u8; 64], false);
        for (d, b) in digits.iter_mut().zip(block) {
            *d = if b.wrapping_sub(b'0') < 10 { 0xff } else { 0 };
            escape |= *b == 0x1b;
        }
        let word_of_digits = digits.chunks_exact(8).fold(false, |any, w| {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            any | (u64::from_le_bytes(word) == u64::MAX)
        });
        if escape | word_of_digits {
            return true;
        }
    }
    let rest = blocks.remainder();
    rest.contains(&0x1b) || rest.chunks_exact(8).any(word_of_digits)
}

/// Whether the eight bytes of `chunk` are all ASCII digits.
#[inline(always)]
fn word_of_digits(chunk: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    let x = u64::from_le_bytes(word);
    // Every byte 0x30..=0x39: high nibble 3, and low nibble + 6 stays below 16.
    (x & (ONES * 0xf0) == ONES * 0x30) & (((x & (ONES * 0x0f)) + ONES * 6) & (ONES * 0xf0) == 0)
}

/// How much of an unfinished line a [`MaskingWriter`] holds before it writes the part
/// that no ID can straddle.
const HELD_LINE: usize = 64 * 1024;

/// A writer that masks ID numbers in everything written through it (unless
/// [`Pii::Show`]). Text is held back to the end of its line, so an ID split over two
/// writes is still seen whole; [`Write::flush`] writes what is held. A long line (one
/// JSON report) is written in pieces as it comes, each cut after a character that
/// ends any ID-shaped run, so memory does not grow with the line.
pub struct MaskingWriter<W: Write> {
    inner: W,
    pii: Pii,
    pending: Vec<u8>,
    /// The length of `pending` at which to try to write part of it.
    cut_at: usize,
}

impl<W: Write> MaskingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W, pii: Pii) -> MaskingWriter<W> {
        MaskingWriter {
            inner,
            pii,
            pending: Vec::new(),
            cut_at: HELD_LINE,
        }
    }

    /// Flushes the complete lines written so far, holding back an unfinished one (it
    /// may be the first half of an ID); [`Write::flush`] writes that too.
    pub fn flush_lines(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    fn write_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        self.cut_at = HELD_LINE;
        self.emit(&pending)
    }

    /// Writes the held text up to its last byte that ends any ID-shaped run: neither a
    /// digit nor `X`/`x`. Runs are found in each piece as in the whole line, because no
    /// run goes past such a byte. A colour sequence may join digits across other
    /// bytes, so held text with an escape character stays held to the end of its line;
    /// so does text with no such byte. Each failed try doubles the length of the next,
    /// so the held text is looked through a bounded number of times per byte.
    fn write_complete_runs(&mut self) -> io::Result<()> {
        let cut = match self.pending.contains(&0x1b) {
            true => None,
            false => self
                .pending
                .iter()
                .rposition(|b| !b.is_ascii_digit() && !matches!(b, b'X' | b'x')),
        };
        let Some(last) = cut else {
            self.cut_at = self.pending.len().saturating_mul(2);
            return Ok(());
        };
        let rest = self.pending.split_off(last + 1);
        let done = std::mem::replace(&mut self.pending, rest);
        self.cut_at = self.pending.len().saturating_add(HELD_LINE);
        self.emit(&done)
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.pii {
            Pii::Mask => self.inner.write_all(&mask_bytes(bytes)),
            Pii::Show => self.inner.write_all(bytes),
        }
    }
}

impl<W: Write> Write for MaskingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Everything up to the last newline is complete lines: an ID never spans one.
        match buf.iter().rposition(|b| *b == b'\n') {
            Some(last) => {
                let (lines, rest) = buf.split_at(last + 1);
                if self.pending.is_empty() {
                    self.emit(lines)?;
                } else {
                    self.pending.extend_from_slice(lines);
                    self.write_pending()?;
                }
                self.pending.extend_from_slice(rest);
            }
            None => self.pending.extend_from_slice(buf),
        }
        if self.pending.len() >= self.cut_at {
            self.write_complete_runs()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for MaskingWriter<W> {
    fn drop(&mut self) {
        // Nothing written may be lost; a failure here has nowhere to be reported.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests;
