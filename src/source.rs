//! Source files and spans: every AST node, schema field and case value knows where it
//! came from, so that every diagnostic can point at a line and column.

use std::sync::{Arc, OnceLock};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span over `start..end` of `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The smallest span that covers both (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// One loaded file: its display name, its text, and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (a path as the user gave it).
    pub name: String,
    /// The full text.
    pub text: Arc<str>,
    /// Where its lines start, made when first asked for: a batch adds a file for each
    /// case it reads and asks for the lines of few of them.
    lines: OnceLock<LineIndex>,
    /// Known to be one line (a line of JSON Lines, cut at its line break): no index.
    one_line: bool,
    /// The number of lines before this text in the file it was cut from (a batch reads
    /// one line or document of a large file at a time): line numbers are counted from
    /// there.
    first_line: usize,
}

/// Where the lines of a text start.
#[derive(Debug, Clone)]
struct LineIndex {
    /// The byte offset of the start of every line, in order (the first is 0), so that
    /// finding the line of an offset is a binary search instead of a count of the
    /// newlines before it, which made a file with a diagnostic on each of its n cases
    /// cost n² (issue 9, D2).
    starts: Vec<usize>,
    /// The first `\r` not followed by `\n`, if any: miette counts it as a line break,
    /// this index does not (see [`SourceFile::counts_lines_like_miette_before`]).
    first_lone_cr: Option<usize>,
}

impl LineIndex {
    fn of(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
            .collect();
        let first_lone_cr = memchr::memchr_iter(b'\r', bytes).find(|&i| bytes.get(i + 1) != Some(&b'\n'));
        LineIndex { starts, first_lone_cr }
    }
}

impl SourceFile {
    /// A file; its line index is made when first needed.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
            one_line: false,
            first_line: 0,
        }
    }

    fn index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::of(&self.text))
    }

    /// The 0-based line that the byte `offset` is on (offsets past the end are on the
    /// last line).
    pub fn line_of(&self, offset: usize) -> usize {
        if self.one_line {
            return 0;
        }
        // The number of line starts at or before `offset`, less one; the first start is
        // 0, so there is always at least one.
        self.index()
            .starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where the 0-based `line` starts (the end of the text past the
    /// last line).
    pub fn line_start(&self, line: usize) -> usize {
        if self.one_line {
            return if line == 0 { 0 } else { self.text.len() };
        }
        self.index().starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// How many lines the text has (a text without a newline has one).
    pub fn line_count(&self) -> usize {
        if self.one_line {
            return 1;
        }
        self.index().starts.len()
    }

    /// Whether miette, which also takes a `\r` alone as a line break, numbers the lines
    /// before `offset` as this index does.
    pub fn counts_lines_like_miette_before(&self, offset: usize) -> bool {
        self.index().first_lone_cr.is_none_or(|cr| cr >= offset)
    }
}

/// Line and column (both 1-based, column in characters) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// All files read in one run: policy files and case files.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        self.files.push(SourceFile::new(name, text));
        FileId(self.files.len() as u32 - 1)
    }

    /// Adds a piece of a larger file (a line of JSON Lines, one YAML document) that
    /// begins after `lines_before` lines of it: its diagnostics give the line in the
    /// whole file.
    pub fn add_piece(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>, lines_before: usize) -> FileId {
        let mut file = SourceFile::new(name, text);
        file.first_line = lines_before;
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// [`SourceMap::add_piece`] for a piece that is one line, as a line of JSON Lines cut
    /// at its line break is: its text is not searched for line breaks (a batch adds a
    /// file for every case). `text` must have no `\n`.
    pub fn add_line(&mut self, name: impl Into<String>, text: Arc<str>, lines_before: usize) -> FileId {
        debug_assert!(!text.contains('\n'), "a line has no line break");
        let id = self.add_piece(name, text, lines_before);
        self.files[id.0 as usize].one_line = true;
        id
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Forgets every file added after the first `len` (a batch worker drops a group of
    /// cases once their records are written; the ids of the files kept stay valid).
    pub fn truncate(&mut self, len: usize) {
        self.files.truncate(len);
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The text under a span ("" when the span is out of range).
    pub fn snippet(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        text.get(span.start as usize..span.end as usize).unwrap_or("")
    }

    /// Line and column of the span's start: the line by a binary search of the file's
    /// line starts, the column by counting the characters of that line only.
    pub fn line_col(&self, span: Span) -> LineCol {
        let file = self.get(span.file);
        let text = &file.text;
        let offset = floor_char_boundary(text, (span.start as usize).min(text.len()));
        let line = file.line_of(offset);
        let line_start = file.line_start(line).min(offset);
        let on_line = text.get(line_start..offset).unwrap_or("");
        #[cfg(test)]
        SCANNED.with(|n| n.set(n.get() + on_line.len()));
        LineCol {
            line: file.first_line + line + 1,
            column: on_line.chars().count() + 1,
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes `line_col` has looked at on this thread (each test has its own thread), so
    /// that a test can count them.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn line_and_column_count_characters() {
        let mut map = SourceMap::new();
        let f = map.add("a", "ab\n年龄 x\n");
        let x = "ab\n年龄 ".len();
        assert_eq!(map.line_col(Span::new(f, x, x + 1)), LineCol { line: 2, column: 4 });
        assert_eq!(map.snippet(Span::new(f, x, x + 1)), "x");
    }

    /// Positions on every line of a 1 MB text cost the text's length in all: each call
    /// looks at its own line only. Counting from the file start for each would look at
    /// about n²/2 bytes (some 5·10¹⁰ here), so this fails if that comes back.
    #[test]
    fn line_col_of_every_line_scans_each_line_once() {
        let line = "名字: 数值 0123456789\n";
        let text = line.repeat(1_000_000 / line.len());
        let lines = text.len() / line.len();
        let mut map = SourceMap::new();
        let f = map.add("big", text.as_str());
        SCANNED.with(|n| n.set(0));
        for i in 0..lines {
            let at = i * line.len() + line.len() - 2;
            let lc = map.line_col(Span::new(f, at, at + 1));
            assert_eq!(
                lc,
                LineCol {
                    line: i + 1,
                    column: line.chars().count() - 1
                }
            );
        }
        let scanned = SCANNED.with(Cell::get);
        assert!(
            scanned <= text.len(),
            "{scanned} bytes scanned for a text of {}",
            text.len()
        );
    }

    #[test]
    fn the_last_line_of_a_long_text_scans_only_that_line() {
        let text = format!("{}last", "x\n".repeat(500_000));
        let mut map = SourceMap::new();
        let f = map.add("big", text.as_str());
        SCANNED.with(|n| n.set(0));
        let end = text.len();
        assert_eq!(
            map.line_col(Span::new(f, end, end)),
            LineCol {
                line: 500_001,
                column: 5
            }
        );
        assert_eq!(SCANNED.with(Cell::get), "last".len());
    }

    #[test]
    fn line_index_edges() {
        let file = SourceFile::new("a", "ab\n\ncd");
        assert_eq!(file.line_count(), 3);
        assert_eq!(
            (file.line_of(0), file.line_of(2), file.line_of(3), file.line_of(4)),
            (0, 0, 1, 2)
        );
        assert_eq!(file.line_of(99), 2, "past the end is the last line");
        assert_eq!((file.line_start(1), file.line_start(2), file.line_start(3)), (3, 4, 6));
        let empty = SourceFile::new("e", "");
        assert_eq!((empty.line_count(), empty.line_of(0)), (1, 0));
        assert!(SourceFile::new("r", "a\r\nb").counts_lines_like_miette_before(4));
        let lone = SourceFile::new("r", "a\rb\nc");
        assert!(lone.counts_lines_like_miette_before(1) && !lone.counts_lines_like_miette_before(2));
    }

    /// A line added as one line answers as the same text indexed would, a lone `\r`
    /// included.
    #[test]
    fn a_line_answers_as_its_index_would() {
        for text in ["", "x", "{\"id\":\"年龄\"}", "a\rb", "\r", "ab\r"] {
            let mut map = SourceMap::new();
            let indexed = map.add_piece("in", text, 41);
            let line = map.add_line("in", Arc::from(text), 41);
            let (a, b) = (map.get(indexed), map.get(line));
            assert!(b.one_line && !a.one_line);
            assert_eq!(a.line_count(), b.line_count(), "{text:?}");
            for at in 0..=text.len() + 1 {
                assert_eq!(a.line_of(at), b.line_of(at), "{text:?} at {at}");
                assert_eq!(a.line_start(at), b.line_start(at), "{text:?} line {at}");
                assert_eq!(
                    a.counts_lines_like_miette_before(at),
                    b.counts_lines_like_miette_before(at),
                    "{text:?} at {at}"
                );
                let (s, t) = (Span::new(indexed, at, at), Span::new(line, at, at));
                assert_eq!(map.line_col(s), map.line_col(t), "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn offsets_inside_a_character_and_past_the_end() {
        let mut map = SourceMap::new();
        let f = map.add("a", "x\n年龄");
        // Byte 3 is inside 年: the position is that of 年.
        assert_eq!(map.line_col(Span::new(f, 3, 4)), LineCol { line: 2, column: 1 });
        assert_eq!(map.line_col(Span::new(f, 100, 100)), LineCol { line: 2, column: 3 });
    }
}
