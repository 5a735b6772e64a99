//! A CSV extract's header, and the rows whose number of fields is not the header's.
//! The query engine stops at such a row, and the whole run with it; so each is found
//! first, told in the error table, and left out of a copy the engine reads. Read with
//! the csv crate (the same reader underneath as the engine's), a record at a time.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;

/// The header of a CSV file and its rows of another width.
#[derive(Debug)]
pub struct CsvLayout {
    /// The header's column names.
    pub columns: Vec<String>,
    /// The rows whose number of fields differs from the header's, in file order.
    pub ragged: Vec<RaggedRow>,
}

/// A row whose number of fields is not the header's.
#[derive(Debug, Clone, PartialEq)]
pub struct RaggedRow {
    /// The data row (1-based, the header not counted, as the error table numbers rows).
    pub row: u32,
    /// How many fields it has.
    pub fields: usize,
    /// Its bytes in the file, up to the next row's (the end of the file for the last).
    bytes: Range<u64>,
}

impl CsvLayout {
    /// Reads the header and finds the ragged rows of the UTF-8 CSV file at `path`.
    pub fn read(path: &Path) -> std::io::Result<CsvLayout> {
        let file = BufReader::with_capacity(1 << 20, File::open(path)?);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(file);
        let mut record = csv::ByteRecord::new();
        let mut columns = Vec::new();
        if reader.read_byte_record(&mut record)? {
            columns = record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        }
        let mut ragged: Vec<RaggedRow> = Vec::new();
        let mut row = 0u32;
        // A ragged row's bytes run to the next row's first byte (or the end of the
        // file): its line end, whichever it is, and any blank lines after it.
        let mut open: Option<usize> = None;
        while reader.read_byte_record(&mut record)? {
            row = row.saturating_add(1);
            let start = record.position().map_or(0, csv::Position::byte);
            if let Some(i) = open.take() {
                ragged[i].bytes.end = start;
            }
            if record.len() != columns.len() {
                open = Some(ragged.len());
                ragged.push(RaggedRow {
                    row,
                    fields: record.len(),
                    bytes: start..u64::MAX,
                });
            }
        }
        Ok(CsvLayout { columns, ragged })
    }

    /// Copies `from` to `to` without the ragged rows, every other byte as it is.
    pub fn copy_without_ragged(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        let mut input = File::open(from)?;
        let mut output = BufWriter::with_capacity(1 << 20, File::create(to)?);
        let mut at = 0u64;
        for r in &self.ragged {
            std::io::copy(&mut (&mut input).take(r.bytes.start.saturating_sub(at)), &mut output)?;
            if r.bytes.end == u64::MAX {
                return output.flush();
            }
            at = input.seek(SeekFrom::Start(r.bytes.end))?;
            // The reader may start the next row at the `\n` of a `\r\n`: line ends
            // there are the ragged row's.
            let mut byte = [0u8];
            while input.read(&mut byte)? == 1 && matches!(byte[0], b'\r' | b'\n') {
                at += 1;
            }
            at = input.seek(SeekFrom::Start(at))?;
        }
        std::io::copy(&mut input, &mut output)?;
        output.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::CsvLayout;

    fn layout_of(name: &str, text: &str) -> (CsvLayout, String) {
        let dir = std::env::temp_dir().join(format!("zhengce-csv-layout-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (from, to) = (dir.join("in.csv"), dir.join("out.csv"));
        std::fs::write(&from, text).unwrap();
        let layout = CsvLayout::read(&from).unwrap();
        layout.copy_without_ragged(&from, &to).unwrap();
        let copied = std::fs::read_to_string(&to).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        (layout, copied)
    }

    #[test]
    fn header_names_are_split_at_commas_outside_quotes() {
        let (layout, _) = layout_of("header", "身份证号码,\"区,县\",\"a\"\"b\"\n1,2,3\n");
        assert_eq!(layout.columns, ["身份证号码", "区,县", "a\"b"]);
        assert!(layout.ragged.is_empty());
    }

    #[test]
    fn rows_of_another_width_are_found_and_left_out_of_the_copy() {
        let text = "a,b,c\n1,2,3\n4,5\n\"6,x\",7,8\n9,10,11,12\r\n13,14,15";
        let (layout, copied) = layout_of("ragged", text);
        let found: Vec<(u32, usize)> = layout.ragged.iter().map(|r| (r.row, r.fields)).collect();
        assert_eq!(found, [(2, 2), (4, 4)]);
        assert_eq!(copied, "a,b,c\n1,2,3\n\"6,x\",7,8\n13,14,15");
    }

    #[test]
    fn a_file_without_ragged_rows_is_copied_whole() {
        let text = "a,b\n1,\"2\n3\"\n4,5\n";
        let (layout, copied) = layout_of("whole", text);
        assert!(layout.ragged.is_empty());
        assert_eq!(copied, text);
    }
}
