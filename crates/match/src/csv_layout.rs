//! A CSV extract's header, and the rows the query engine cannot read: a row with more or
//! fewer fields than the header, or with bytes that are not UTF-8. The engine stops at
//! such a row, and the whole run with it; so each is found first, told in the error
//! table, and left out of a copy the engine reads. Read with the csv crate (the same
//! reader underneath as the engine's), a record at a time.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;

/// The header of a CSV file and its rows the engine cannot read.
#[derive(Debug)]
pub struct CsvLayout {
    /// The header's column names; `None` when the header is not UTF-8 (an extract in
    /// another encoding than its mapping says).
    pub columns: Option<Vec<String>>,
    /// The rows the engine cannot read, in file order.
    pub unreadable: Vec<UnreadableRow>,
    /// Whether a quoted value holds a line break (the engine must then not cut the
    /// file at line breaks to read its parts at once).
    pub newlines_in_values: bool,
}

/// A row the engine cannot read.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableRow {
    /// The data row (1-based, the header not counted, as the error table numbers rows).
    pub row: u32,
    /// Why.
    pub why: Unreadable,
    /// Its bytes in the file, from where the reader started it (the line end before it
    /// may come first) to where it started the next row (the end of the file for the
    /// last).
    bytes: Range<u64>,
}

/// Why a row cannot be read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unreadable {
    /// It has this many fields, not the header's number.
    FieldCount(usize),
    /// Some of its bytes are not UTF-8.
    NotUtf8,
}

impl CsvLayout {
    /// Reads the header and finds the rows the engine cannot read of the CSV file at
    /// `path`, which should be UTF-8.
    pub fn read(path: &Path) -> std::io::Result<CsvLayout> {
        let file = BufReader::with_capacity(1 << 20, File::open(path)?);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(file);
        let mut record = csv::ByteRecord::new();
        let mut columns = Some(Vec::new());
        let mut width = 0;
        if reader.read_byte_record(&mut record)? {
            width = record.len();
            columns = record
                .iter()
                .map(|f| std::str::from_utf8(f).ok().map(str::to_owned))
                .collect();
        }
        let mut unreadable: Vec<UnreadableRow> = Vec::new();
        let mut newlines_in_values = false;
        let mut row = 0u32;
        let mut open: Option<usize> = None;
        while reader.read_byte_record(&mut record)? {
            row = row.saturating_add(1);
            let start = record.position().map_or(0, csv::Position::byte);
            if let Some(i) = open.take() {
                unreadable[i].bytes.end = start;
            }
            let why = if record.len() != width {
                Some(Unreadable::FieldCount(record.len()))
            } else if std::str::from_utf8(record.as_slice()).is_err() {
                Some(Unreadable::NotUtf8)
            } else {
                None
            };
            match why {
                Some(why) => {
                    open = Some(unreadable.len());
                    unreadable.push(UnreadableRow {
                        row,
                        why,
                        bytes: start..u64::MAX,
                    });
                }
                None => newlines_in_values |= has_line_break(record.as_slice()),
            }
        }
        Ok(CsvLayout {
            columns,
            unreadable,
            newlines_in_values,
        })
    }

    /// Copies `from` to `to` without the unreadable rows, every other byte as it is.
    pub fn copy_without_unreadable(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        let mut input = File::open(from)?;
        let mut output = BufWriter::with_capacity(1 << 20, File::create(to)?);
        let mut at = 0u64;
        for r in &self.unreadable {
            std::io::copy(&mut (&mut input).take(r.bytes.start.saturating_sub(at)), &mut output)?;
            // The reader ends a row at the `\r` of a `\r\n` and starts the next at its
            // `\n`: line ends where a range starts are the row before's, and where it
            // ends this row's.
            let at_start = line_ends(&mut input)?;
            output.write_all(&at_start)?;
            if r.bytes.end == u64::MAX {
                return output.flush();
            }
            input.seek(SeekFrom::Start(r.bytes.end))?;
            at = r.bytes.end + line_ends(&mut input)?.len() as u64;
            input.seek(SeekFrom::Start(at))?;
        }
        std::io::copy(&mut input, &mut output)?;
        output.flush()
    }
}

/// The `\r` and `\n` bytes from where `input` is (read past them and one more byte).
fn line_ends(input: &mut File) -> std::io::Result<Vec<u8>> {
    let mut ends = Vec::new();
    let mut byte = [0u8];
    while input.read(&mut byte)? == 1 && matches!(byte[0], b'\r' | b'\n') {
        ends.push(byte[0]);
    }
    Ok(ends)
}

/// Whether a record's bytes hold a line break (inside a quoted value: the record's own
/// line end is not among its fields' bytes).
fn has_line_break(fields: &[u8]) -> bool {
    fields.iter().any(|b| matches!(b, b'\r' | b'\n'))
}

#[cfg(test)]
mod tests {
    use super::{CsvLayout, Unreadable};

    fn layout_of(name: &str, text: &[u8]) -> (CsvLayout, Vec<u8>) {
        let dir = std::env::temp_dir().join(format!("zhengce-csv-layout-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (from, to) = (dir.join("in.csv"), dir.join("out.csv"));
        std::fs::write(&from, text).unwrap();
        let layout = CsvLayout::read(&from).unwrap();
        layout.copy_without_unreadable(&from, &to).unwrap();
        let copied = std::fs::read(&to).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        (layout, copied)
    }

    fn found(layout: &CsvLayout) -> Vec<(u32, Unreadable)> {
        layout.unreadable.iter().map(|r| (r.row, r.why)).collect()
    }

    #[test]
    fn header_names_are_split_at_commas_outside_quotes() {
        let (layout, _) = layout_of("header", "身份证号码,\"区,县\",\"a\"\"b\"\n1,2,3\n".as_bytes());
        assert_eq!(layout.columns.unwrap(), ["身份证号码", "区,县", "a\"b"]);
        assert!(layout.unreadable.is_empty());
        assert!(!layout.newlines_in_values);
    }

    #[test]
    fn rows_of_another_width_are_found_and_left_out_of_the_copy() {
        let text = "a,b,c\n1,2,3\n4,5\n\"6,x\",7,8\n9,10,11,12\r\n13,14,15";
        let (layout, copied) = layout_of("ragged", text.as_bytes());
        assert_eq!(
            found(&layout),
            [(2, Unreadable::FieldCount(2)), (4, Unreadable::FieldCount(4))]
        );
        assert_eq!(copied, b"a,b,c\n1,2,3\n\"6,x\",7,8\n13,14,15");
    }

    #[test]
    fn crlf_line_ends_stay_with_their_rows() {
        for (name, text, kept) in [
            ("crlf", "id,d\r\nA1,x\r\nRAG\r\nA3,x\r\n", "id,d\r\nA1,x\r\nA3,x\r\n"),
            ("crlf-first", "id,d\r\nRAG\r\nA2,x\r\n", "id,d\r\nA2,x\r\n"),
            ("crlf-last", "id,d\r\nA1,x\r\nRAG\r\n", "id,d\r\nA1,x\r\n"),
        ] {
            let (layout, copied) = layout_of(name, text.as_bytes());
            assert_eq!(layout.unreadable.len(), 1, "{name}");
            assert_eq!(String::from_utf8_lossy(&copied), kept, "{name}");
        }
    }

    #[test]
    fn rows_that_are_not_utf8_are_found_and_a_header_that_is_not_is_told() {
        let (layout, copied) = layout_of("bytes", b"a,b\n1,\xff\n2,3\n");
        assert_eq!(found(&layout), [(1, Unreadable::NotUtf8)]);
        assert_eq!(copied, b"a,b\n2,3\n");
        let (layout, _) = layout_of("gb18030", b"\xc9\xed\xb7\xdd,b\n1,2\n");
        assert_eq!(layout.columns, None);
    }

    /// The records of `bytes` as the csv crate reads them, the header first.
    fn records(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        reader
            .byte_records()
            .map(|r| r.map(|r| r.iter().map(<[u8]>::to_vec).collect()).unwrap_or_default())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Whatever the bytes (quotes, commas, CR, LF, bytes that are not UTF-8), the
        /// copy holds exactly the readable rows, in order, and nothing unreadable.
        #[test]
        fn the_copy_holds_exactly_the_readable_rows(
            header in proptest::collection::vec(proptest::sample::select(b"ab,\"".to_vec()), 1..6),
            body in proptest::collection::vec(proptest::sample::select(b"ab,,\"\r\n\n\xff".to_vec()), 0..200),
        ) {
            let mut text = header.clone();
            text.push(b'\n');
            text.extend_from_slice(&body);
            let (layout, copied) = layout_of("property", &text);
            let Some(columns) = &layout.columns else {
                return Ok(());
            };
            let left_out: Vec<u32> = layout.unreadable.iter().map(|r| r.row).collect();
            let kept: Vec<Vec<Vec<u8>>> = (records(&text).into_iter().enumerate())
                .filter(|(i, _)| *i == 0 || !left_out.contains(&(*i as u32)))
                .map(|(_, r)| r)
                .collect();
            proptest::prop_assert_eq!(records(&copied), kept);
            let (again, _) = layout_of("property-again", &copied);
            proptest::prop_assert!(again.unreadable.is_empty());
            proptest::prop_assert_eq!(again.columns.as_ref().map(Vec::len), Some(columns.len()));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Rows ended with CR LF keep whole line ends in the copy: no byte of one is lost
        /// with the row left out before or after it.
        #[test]
        fn crlf_line_ends_stay_whole(
            rows in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(b"ab,,\xff".to_vec()), 0..8),
                1..30,
            ),
        ) {
            let mut text = b"a,b".to_vec();
            for row in &rows {
                text.extend_from_slice(b"\r\n");
                text.extend_from_slice(row);
            }
            text.extend_from_slice(b"\r\n");
            let (_, copied) = layout_of("property-crlf", &text);
            for (i, byte) in copied.iter().enumerate() {
                match byte {
                    b'\r' => proptest::prop_assert_eq!(copied.get(i + 1), Some(&b'\n')),
                    b'\n' => proptest::prop_assert_eq!(i.checked_sub(1).and_then(|p| copied.get(p)), Some(&b'\r')),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn a_quoted_line_break_is_noticed_and_a_file_without_unreadable_rows_copied_whole() {
        let text = "a,b\n1,\"2\n3\"\n4,5\n";
        let (layout, copied) = layout_of("whole", text.as_bytes());
        assert!(layout.unreadable.is_empty());
        assert!(layout.newlines_in_values);
        assert_eq!(copied, text.as_bytes());
    }
}
