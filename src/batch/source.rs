//! A batch's input, read a piece at a time (contract §5): a line of JSON Lines or a
//! document of a YAML stream, each with the number of lines before it, so that memory
//! follows the largest case, never the file. A piece over the size limit is kept only
//! up to the limit (and reported); the rest of it is read past, not held.

use crate::lang::Text;
use std::io::{self, BufRead};
use std::sync::Arc;

/// How an input is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object a line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// YAML documents cut at `---` lines (`.yaml`, `.yml`).
    Yaml,
}

impl InputFormat {
    /// The format a file name calls for; `None` when its extension says nothing.
    pub fn of_path(path: &str) -> Option<InputFormat> {
        let ext = std::path::Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            // Not `.json`: a pretty-printed JSON file is no JSON Lines (contract §5
            // names `.jsonl` and `.ndjson`); named on the command line it is read as
            // JSON Lines all the same, the default.
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            "yaml" | "yml" => Some(InputFormat::Yaml),
            _ => None,
        }
    }

    /// The format of a stream by its first line that is not blank (standard input,
    /// contract §5): YAML when it is `---` or a `key:` line, JSON Lines otherwise (a
    /// `#` comment line too: §5 names only these two).
    pub fn sniff(first_line: &[u8]) -> InputFormat {
        let line = String::from_utf8_lossy(first_line);
        let line = line.trim_start_matches('\u{feff}').trim();
        let yaml_key = !line.starts_with(['{', '[', '"'])
            && line
                .split_once(':')
                .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '));
        if line.starts_with("---") || yaml_key {
            InputFormat::Yaml
        } else {
            InputFormat::JsonLines
        }
    }
}

/// One case's text, or what stopped an input from being read.
#[derive(Debug)]
pub struct Piece {
    /// Lines of the input before this piece.
    pub lines_before: usize,
    /// What it holds.
    pub content: PieceContent,
}

/// What a piece holds.
#[derive(Debug)]
pub enum PieceContent {
    /// One line of JSON Lines that is text (cut at its line break, so it has none): most
    /// lines, made the text the case keeps straight from the reader's buffer, in one copy.
    JsonText(Arc<str>),
    /// One line of JSON Lines as read (its line break removed): one that is not all in
    /// the buffer, starts the input, starts with a blank, is too large, or is not UTF-8.
    JsonLine(Vec<u8>),
    /// One or more YAML documents up to the next `---` line.
    Yaml(Vec<u8>),
    /// A piece larger than the limit: its first bytes only, and its whole size.
    TooLarge {
        /// The bytes read of it (at most the limit).
        head: Vec<u8>,
        /// Its size in bytes.
        size: u64,
    },
    /// The input could not be read (from here on).
    Unreadable(Text),
}

/// Reads the pieces of one input.
pub struct PieceReader<R> {
    reader: R,
    format: InputFormat,
    max_bytes: usize,
    /// Lines read so far.
    line: usize,
    /// A YAML `---` line read while finishing the previous document.
    pending: Option<Vec<u8>>,
    /// Whether the last line read ended with a line break (not at the end of input).
    ended_line: bool,
    done: bool,
}

impl<R: BufRead> PieceReader<R> {
    /// A reader of `reader`, written in `format`; a piece over `max_bytes` is reported
    /// rather than read.
    pub fn new(reader: R, format: InputFormat, max_bytes: usize) -> PieceReader<R> {
        PieceReader {
            reader,
            format,
            max_bytes,
            line: 0,
            pending: None,
            ended_line: false,
            done: false,
        }
    }

    fn piece(&self, lines_before: usize, content: PieceContent) -> Piece {
        Piece { lines_before, content }
    }

    /// The next line, with its line break, keeping at most `room` bytes of it (the rest
    /// is read past). `None` at the end; else the line's size, its break included.
    fn line_into(&mut self, buf: &mut Vec<u8>, room: usize) -> io::Result<Option<u64>> {
        let mut size = 0u64;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                self.ended_line = false;
                return Ok((size > 0).then_some(size));
            }
            let (take, ends) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let keep = take.min(room.saturating_sub(buf.len()));
            buf.extend_from_slice(&available[..keep]);
            self.reader.consume(take);
            size += take as u64;
            if ends {
                self.ended_line = true;
                return Ok(Some(size));
            }
        }
    }

    fn next_json_line(&mut self) -> io::Result<Option<Piece>> {
        loop {
            if let Some(text) = self.whole_text_line()? {
                let lines_before = self.line;
                self.line += 1;
                return Ok(Some(self.piece(lines_before, PieceContent::JsonText(text))));
            }
            let mut buf = Vec::new();
            let Some(size) = self.line_into(&mut buf, self.max_bytes.saturating_add(2))? else {
                return Ok(None);
            };
            let lines_before = self.line;
            self.line += 1;
            let kept_whole = buf.len() as u64 == size;
            // The size without the line break (as far as it was kept: a `\r` before the
            // `\n` of a line too long to keep counts).
            let text_size = if kept_whole {
                size - u64::from(buf.ends_with(b"\n")) - u64::from(buf.ends_with(b"\r\n"))
            } else {
                size - u64::from(self.ended_line)
            };
            if text_size > self.max_bytes as u64 {
                buf.truncate(self.max_bytes);
                let content = PieceContent::TooLarge {
                    head: buf,
                    size: text_size,
                };
                return Ok(Some(self.piece(lines_before, content)));
            }
            if buf.ends_with(b"\n") {
                buf.pop();
                if buf.ends_with(b"\r") {
                    buf.pop();
                }
            }
            // A byte-order mark, as Windows tools write at the start of a file, is no
            // part of the first case.
            if lines_before == 0 && buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
            // A blank line is no case (contract §5).
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(self.piece(lines_before, PieceContent::JsonLine(buf))));
        }
    }

    /// The next line as text, when it is all in the reader's buffer, not the first
    /// (which may start with a byte-order mark), does not start with a blank (nor is
    /// blank), is within the size limit and is UTF-8 (taken past, with its line break); `None` (nothing taken) for any other,
    /// which [`Self::next_json_line`] reads the long way.
    fn whole_text_line(&mut self) -> io::Result<Option<Arc<str>>> {
        if self.line == 0 {
            return Ok(None);
        }
        let available = match self.reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(end) = memchr::memchr(b'\n', available) else {
            return Ok(None);
        };
        let line = &available[..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() > self.max_bytes || line.first().is_none_or(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let Ok(text) = simdutf8::basic::from_utf8(line) else {
            return Ok(None);
        };
        let text = Arc::from(text);
        self.reader.consume(end + 1);
        self.ended_line = true;
        Ok(Some(text))
    }

    fn next_yaml_document(&mut self) -> io::Result<Option<Piece>> {
        let lines_before = self.line;
        let mut buf = self.pending.take().unwrap_or_default();
        let mut size = buf.len() as u64;
        if !buf.is_empty() {
            self.line += 1;
        }
        let room = self.max_bytes.saturating_add(1);
        loop {
            let mut line = Vec::new();
            let Some(line_size) = self.line_into(&mut line, room)? else {
                break;
            };
            if is_document_start(&line) && size > 0 {
                self.pending = Some(line);
                break;
            }
            self.line += 1;
            size += line_size;
            let keep = room.saturating_sub(buf.len()).min(line.len());
            buf.extend_from_slice(&line[..keep]);
        }
        if size == 0 {
            return Ok(None);
        }
        let content = if size > self.max_bytes as u64 {
            buf.truncate(self.max_bytes);
            PieceContent::TooLarge { head: buf, size }
        } else {
            PieceContent::Yaml(buf)
        };
        Ok(Some(self.piece(lines_before, content)))
    }
}

/// Whether a line starts a YAML document (`---` alone or followed by a blank).
fn is_document_start(line: &[u8]) -> bool {
    line.strip_prefix(b"---")
        .is_some_and(|rest| rest.first().is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')))
}

impl<R: BufRead> Iterator for PieceReader<R> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        if self.done {
            return None;
        }
        let next = match self.format {
            InputFormat::JsonLines => self.next_json_line(),
            InputFormat::Yaml => self.next_yaml_document(),
        };
        match next {
            Ok(Some(piece)) => Some(piece),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                let lines_before = self.line;
                Some(self.piece(lines_before, PieceContent::Unreadable(crate::input::system_error(&e))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, format: InputFormat, max: usize) -> Vec<(usize, String)> {
        PieceReader::new(text.as_bytes(), format, max)
            .map(|p| {
                let text = match p.content {
                    PieceContent::JsonText(t) => t.to_string(),
                    PieceContent::JsonLine(b) | PieceContent::Yaml(b) => String::from_utf8_lossy(&b).into_owned(),
                    PieceContent::TooLarge { size, .. } => format!("too large: {size}"),
                    PieceContent::Unreadable(e) => e.en(),
                };
                (p.lines_before, text)
            })
            .collect()
    }

    #[test]
    fn json_lines_are_pieces_and_blank_lines_are_skipped() {
        let got = pieces("{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\"", InputFormat::JsonLines, 100);
        assert_eq!(
            got,
            [(0, "{\"a\":1}".into()), (3, "{\"b\":2}".into()), (4, "{\"c\"".into())]
        );
    }

    /// Lines read straight from the buffer as text and lines read the long way are the
    /// same pieces: a buffer of three bytes makes every line the long way's.
    #[test]
    fn lines_from_the_buffer_are_those_read_the_long_way() {
        let input: &[u8] = b"\xEF\xBB\xBF{\"a\":1}\n{\"b\":\"\xE5\xB0\xB1\"}\r\n\n  {\"c\":2}\n{\"d\":\"\xFF\"}\n\t\n{\"long\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n{\"e\":3}";
        let read = |capacity: usize| {
            let reader = std::io::BufReader::with_capacity(capacity, input);
            let pieces: Vec<Piece> = PieceReader::new(reader, InputFormat::JsonLines, 30).collect();
            let texts = pieces
                .iter()
                .filter(|p| matches!(p.content, PieceContent::JsonText(_)))
                .count();
            let shown: Vec<(usize, String)> = pieces
                .into_iter()
                .map(|p| {
                    let text = match p.content {
                        PieceContent::JsonText(t) => t.to_string(),
                        PieceContent::JsonLine(b) => String::from_utf8_lossy(&b).into_owned(),
                        PieceContent::TooLarge { size, .. } => format!("too large: {size}"),
                        other => format!("{other:?}"),
                    };
                    (p.lines_before, text)
                })
                .collect();
            (shown, texts)
        };
        let (buffered, texts) = read(1 << 10);
        let (long_way, none) = read(3);
        assert_eq!(buffered, long_way);
        // The second line only: the first starts the input, the last has no line break,
        // and the others start with a blank, hold a byte that is not UTF-8, or are too
        // large.
        assert_eq!((texts, none), (1, 0));
        assert_eq!(buffered.len(), 6);
        assert_eq!(buffered[1], (1, "{\"b\":\"就\"}".to_string()));
        assert_eq!(buffered[4], (6, "too large: 48".to_string()));
    }

    #[test]
    fn a_byte_order_mark_is_no_part_of_the_first_case() {
        let got = pieces("\u{feff}{\"a\":1}\n{\"b\":2}\n", InputFormat::JsonLines, 100);
        assert_eq!(got, [(0, "{\"a\":1}".into()), (1, "{\"b\":2}".into())]);
    }

    #[test]
    fn a_line_over_the_limit_is_reported_not_held() {
        let long = format!("{{\"a\":\"{}\"}}\n{{\"b\":1}}\n", "x".repeat(50));
        let got = pieces(&long, InputFormat::JsonLines, 20);
        assert_eq!(got, [(0, "too large: 58".into()), (1, "{\"b\":1}".into())]);
    }

    #[test]
    fn yaml_is_cut_at_document_markers() {
        let text = "# head\nid: a\n---\nid: b\n--- \nid: c\n---x: 1\n";
        let got = pieces(text, InputFormat::Yaml, 100);
        assert_eq!(
            got,
            [
                (0, "# head\nid: a\n".into()),
                (2, "---\nid: b\n".into()),
                (4, "--- \nid: c\n---x: 1\n".into())
            ]
        );
    }

    #[test]
    fn standard_input_is_json_lines_unless_it_looks_like_yaml() {
        assert_eq!(InputFormat::sniff(b"{\"id\": \"a\"}"), InputFormat::JsonLines);
        assert_eq!(InputFormat::sniff(b"---"), InputFormat::Yaml);
        assert_eq!(InputFormat::sniff(b"id: HN-1"), InputFormat::Yaml);
        assert_eq!(InputFormat::sniff(b"garbage"), InputFormat::JsonLines);
        assert_eq!(
            InputFormat::sniff("\u{feff}{\"id\": \"a\"}".as_bytes()),
            InputFormat::JsonLines
        );
    }
}
