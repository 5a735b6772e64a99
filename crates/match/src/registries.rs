//! The registry extracts: each made a table of the query engine, every column as text
//! (a registry's dates and numbers are cleaned by the mapping's SQL, and a bad value
//! must reach the error table, not stop the reading), and checked row by row.

use crate::csv_layout::{CsvLayout, Unreadable, UnreadableRow};
use crate::mapping::{Encoding, Registry};
use crate::messages::MatchMsg;
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionConfig, SessionContext};
use futures::StreamExt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use zhengce::batch::ids::{FirstSeen, IdDigest, SeenIds};
use zhengce::case::{mask_id, parse_date, resident_id};
use zhengce::lang::Text;
use zhengce_arrow::text_of;

/// A problem of one row, for the error table.
#[derive(Debug, Clone)]
pub struct RowProblem {
    /// The registry, or the query result.
    pub source: Text,
    /// The data row of the registry (1-based, the header not counted).
    pub row: Option<u32>,
    /// The column.
    pub column: String,
    /// The value, an ID number masked unless asked otherwise.
    pub value: String,
    /// What is wrong.
    pub problem: Text,
}

/// A folder for the UTF-8 copies of extracts that are not UTF-8, removed when dropped.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// A new folder under the system's temporary folder.
    pub fn new() -> std::io::Result<Staging> {
        let dir = std::env::temp_dir().join(format!("zhengce-match-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Where a registry's table comes from once it can be read.
pub struct Extract {
    path: PathBuf,
    kind: Kind,
    /// The rows left out of the table: the engine cannot read them.
    unreadable: Vec<UnreadableRow>,
}

enum Kind {
    /// CSV, UTF-8, with these columns; line breaks inside quoted values or not.
    Csv {
        schema: Schema,
        newlines_in_values: bool,
    },
    Parquet,
}

impl Extract {
    /// Prepares `registry` (its file from `base`): a CSV file that is GB18030 or starts
    /// with a byte-order mark is copied to UTF-8 in the staging folder, and one with
    /// rows the engine cannot read without them.
    pub fn prepare(base: &Path, registry: &Registry, staging: &Path) -> Result<Extract, Text> {
        let path = base.join(&registry.file);
        let shown = path.display().to_string();
        let cannot_read = |e: std::io::Error| MatchMsg::CannotRead.with([shown.clone(), e.to_string()]);
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("parquet") => Ok(Extract {
                path,
                kind: Kind::Parquet,
                unreadable: Vec::new(),
            }),
            Some("csv") => {
                let mut head = [0u8; 3];
                let n = File::open(&path)
                    .and_then(|mut f| f.read(&mut head))
                    .map_err(cannot_read)?;
                let bom = n == 3 && head == [0xEF, 0xBB, 0xBF];
                let path = if registry.encoding == Encoding::Gb18030 || bom {
                    let copy = staging.join(format!("{}.csv", registry.name));
                    to_utf8(&path, &copy, registry.encoding).map_err(cannot_read)?;
                    copy
                } else {
                    path
                };
                let layout = CsvLayout::read(&path).map_err(cannot_read)?;
                let Some(columns) = &layout.columns else {
                    return Err(MatchMsg::HeaderNotUtf8.with([shown]));
                };
                let fields: Vec<Field> = (columns.iter())
                    .map(|name| Field::new(name, DataType::Utf8, true))
                    .collect();
                let path = if layout.unreadable.is_empty() {
                    path
                } else {
                    let copy = staging.join(format!("{}.rows.csv", registry.name));
                    layout.copy_without_unreadable(&path, &copy).map_err(cannot_read)?;
                    copy
                };
                Ok(Extract {
                    path,
                    kind: Kind::Csv {
                        schema: Schema::new(fields),
                        newlines_in_values: layout.newlines_in_values,
                    },
                    unreadable: layout.unreadable,
                })
            }
            _ => Err(MatchMsg::UnknownFileKind.with([shown])),
        }
    }

    /// Makes it table `name` of `ctx`.
    pub async fn register(&self, ctx: &SessionContext, name: &str) -> Result<(), Text> {
        let path = self.path.display().to_string();
        let done = match &self.kind {
            Kind::Csv {
                schema,
                newlines_in_values,
            } => {
                let options =
                    (CsvReadOptions::new().has_header(true).schema(schema)).newlines_in_values(*newlines_in_values);
                ctx.register_csv(name, &path, options).await
            }
            Kind::Parquet => ctx.register_parquet(name, &path, ParquetReadOptions::default()).await,
        };
        done.map_err(|e| MatchMsg::CannotRead.with([path, e.to_string()]))
    }

    /// Checks every row of the registry: that it can be read (its number of fields, its
    /// bytes UTF-8), its ID (present, valid, not on an earlier row) and its dates. Read
    /// in file order, one partition, so rows are numbered as the file has them (the
    /// unreadable rows, left out of the table, counted where they are).
    pub async fn check(&self, registry: &Registry, show_pii: bool) -> Result<Vec<RowProblem>, Text> {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(1));
        self.register(&ctx, "extract").await?;
        let mut columns = vec![quoted(&registry.id_column)];
        columns.extend(registry.date_columns.iter().map(|c| quoted(c)));
        let sql = format!("SELECT {} FROM extract", columns.join(", "));
        let failed = |e: datafusion::error::DataFusionError| MatchMsg::QueryFailed.with([e.to_string()]);
        let mut stream = ctx
            .sql(&sql)
            .await
            .map_err(failed)?
            .execute_stream()
            .await
            .map_err(failed)?;
        let source = Text::from(registry.name.as_str());
        // A digest of each ID, not its text: an extract may hold millions.
        let mut seen = SeenIds::default();
        let width = match &self.kind {
            Kind::Csv { schema, .. } => schema.fields().len(),
            Kind::Parquet => 0,
        };
        let mut problems: Vec<RowProblem> = (self.unreadable.iter())
            .map(|r| RowProblem {
                source: source.clone(),
                row: Some(r.row),
                column: String::new(),
                value: String::new(),
                problem: match r.why {
                    Unreadable::FieldCount(n) => MatchMsg::FieldCount.with([n.to_string(), width.to_string()]),
                    Unreadable::NotUtf8 => MatchMsg::RowNotUtf8.into(),
                },
            })
            .collect();
        let mut left_out = self.unreadable.iter().map(|r| r.row).peekable();
        let mut row = 0u32;
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(failed)?;
            for i in 0..batch.num_rows() {
                row = row.saturating_add(1);
                while left_out.next_if_eq(&row).is_some() {
                    row = row.saturating_add(1);
                }
                let problem = |column: &str, value: String, problem: Text| RowProblem {
                    source: source.clone(),
                    row: Some(row),
                    column: column.to_owned(),
                    value,
                    problem,
                };
                let shown = |id: &str| if show_pii { id.to_owned() } else { mask_id(id) };
                match text_of(batch.column(0), i).map(|t| t.trim().to_owned()) {
                    None => problems.push(problem(&registry.id_column, String::new(), MatchMsg::IdMissing.into())),
                    Some(id) if id.is_empty() => {
                        problems.push(problem(&registry.id_column, String::new(), MatchMsg::IdMissing.into()))
                    }
                    Some(id) => {
                        if let Err(e) = resident_id::validate(&id) {
                            problems.push(problem(&registry.id_column, shown(&id), e.describe()));
                        } else if let Some(first) =
                            seen.first_or_insert(IdDigest::of(&id), FirstSeen { input: 0, line: row })
                        {
                            let twice = MatchMsg::IdTwice.with([first.line.to_string()]);
                            problems.push(problem(&registry.id_column, shown(&id), twice));
                        }
                    }
                }
                for (k, column) in registry.date_columns.iter().enumerate() {
                    let Some(text) = text_of(batch.column(k + 1), i) else {
                        continue;
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    if let Err(why) = parse_date(text.trim()) {
                        problems.push(problem(column, text, MatchMsg::BadDate.with([why])));
                    }
                }
            }
        }
        problems.sort_by_key(|p| p.row);
        Ok(problems)
    }
}

/// A column name quoted for SQL.
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Copies `from` to `to` as UTF-8 without a byte-order mark, decoding it from
/// `encoding` a piece at a time (an extract may be larger than memory).
fn to_utf8(from: &Path, to: &Path, encoding: Encoding) -> std::io::Result<()> {
    let encoding = match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Gb18030 => encoding_rs::GB18030,
    };
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let mut input = BufReader::with_capacity(1 << 20, File::open(from)?);
    let mut output = std::io::BufWriter::new(File::create(to)?);
    let mut text = String::new();
    loop {
        let chunk = input.fill_buf()?;
        let last = chunk.is_empty();
        text.clear();
        text.reserve(
            decoder
                .max_utf8_buffer_length(chunk.len())
                .unwrap_or(chunk.len() * 3 + 16),
        );
        let (_, read, _) = decoder.decode_to_string(chunk, &mut text, last);
        output.write_all(text.as_bytes())?;
        if last {
            break;
        }
        input.consume(read);
    }
    output.flush()
}
