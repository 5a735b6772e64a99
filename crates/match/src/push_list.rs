//! The 推送名单 (push list) and the error table: made as the query's rows are decided,
//! written sorted (by district, then ID), so the same registries give the same bytes
//! whatever order the query engine's partitions finish in.

use crate::list_store::{ListStore, Row};
use crate::messages::MatchMsg;
use crate::registries::RowProblem;
use arrow_array::{ArrayRef, RecordBatch, StringArray, UInt32Array};
use arrow_schema::{DataType, Field, Schema};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use zhengce::case::mask_id;
use zhengce::lang::Lang;

/// Everything a run found.
pub struct Findings {
    /// People decided.
    pub decided: u64,
    /// The push list.
    pub list: ListStore,
    /// The error table.
    pub problems: Vec<RowProblem>,
}

impl Findings {
    /// Nothing found yet; the list's records go to a file in `dir`.
    pub fn new(dir: &Path) -> std::io::Result<Findings> {
        Ok(Findings {
            decided: 0,
            list: ListStore::new(dir)?,
            problems: Vec::new(),
        })
    }

    /// Sorts the problems of the query result (after the registries' own, which come
    /// in file order), so that the output does not depend on the order the query
    /// engine's partitions finish in. (The list is sorted as it is written.)
    pub fn sort(&mut self) {
        let in_query = |r: &RowProblem| r.row.is_none();
        self.problems.sort_by(|a, b| {
            let key = |r: &RowProblem| (in_query(r), in_query(r).then(|| (r.value.clone(), r.problem.zh())));
            key(a).cmp(&key(b))
        });
    }

    /// The error table as a record batch, its headings in `lang`.
    pub fn problem_batch(&self, lang: Lang) -> RecordBatch {
        let p = &self.problems;
        let text = |f: &dyn Fn(&RowProblem) -> String| -> ArrayRef {
            Arc::new(StringArray::from(p.iter().map(f).collect::<Vec<_>>()))
        };
        let columns: Vec<ArrayRef> = vec![
            text(&|r| r.source.get(lang).into_owned()),
            Arc::new(UInt32Array::from(p.iter().map(|r| r.row).collect::<Vec<_>>())),
            text(&|r| r.column.clone()),
            text(&|r| r.value.clone()),
            text(&|r| r.problem.get(lang).into_owned()),
        ];
        let headings = [
            MatchMsg::HeadSource,
            MatchMsg::HeadRow,
            MatchMsg::HeadColumn,
            MatchMsg::HeadValue,
            MatchMsg::HeadProblem,
        ];
        batch(&headings, columns, lang)
    }

    /// Counts per district and per category, in order.
    pub fn counts(&self, lang: Lang) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        self.list.counts(MatchMsg::NoDistrict.text(lang))
    }
}

/// Writes the push list, sorted by district then ID, as CSV to `csv` and as Parquet to
/// `parquet`, a chunk of rows at a time.
pub fn write_list(list: ListStore, lang: Lang, show_pii: bool, csv: &Path, parquet: &Path) -> std::io::Result<()> {
    let headings = [
        MatchMsg::HeadId,
        MatchMsg::HeadDistrict,
        MatchMsg::HeadCategories,
        MatchMsg::HeadClauses,
        MatchMsg::HeadReasons,
    ];
    let fields: Vec<Field> = headings
        .iter()
        .map(|h| Field::new(h.text(lang), DataType::Utf8, true))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let mut csv = arrow_csv::WriterBuilder::new()
        .with_header(true)
        .build(std::fs::File::create(csv)?);
    let mut parquet = parquet::arrow::ArrowWriter::try_new(std::fs::File::create(parquet)?, schema.clone(), None)
        .map_err(std::io::Error::other)?;
    list.sorted(1 << 16, |rows| {
        let text = |f: &dyn Fn(&Row) -> Option<String>| -> ArrayRef {
            Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>()))
        };
        let columns = vec![
            text(&|r| Some(if show_pii { r.id.clone() } else { mask_id(&r.id) })),
            text(&|r| r.district.clone()),
            text(&|r| Some(r.categories.clone())),
            text(&|r| Some(r.clauses.clone())),
            text(&|r| Some(r.reasons.clone())),
        ];
        let batch = RecordBatch::try_new(schema.clone(), columns).map_err(std::io::Error::other)?;
        csv.write(&batch).map_err(std::io::Error::other)?;
        parquet.write(&batch).map_err(std::io::Error::other)
    })?;
    parquet.close().map(|_| ()).map_err(std::io::Error::other)
}

fn batch(headings: &[MatchMsg], columns: Vec<ArrayRef>, lang: Lang) -> RecordBatch {
    let fields: Vec<Field> = headings
        .iter()
        .zip(&columns)
        .map(|(h, c)| Field::new(h.text(lang), c.data_type().clone(), true))
        .collect();
    // The columns are made above, one per heading, of one length: this cannot fail.
    RecordBatch::try_new(Arc::new(Schema::new(fields.clone())), columns)
        .unwrap_or_else(|_| RecordBatch::new_empty(Arc::new(Schema::new(fields))))
}

/// Writes `batch` as CSV (with a header) to `path`.
pub fn write_csv(batch: &RecordBatch, path: &Path) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut writer = arrow_csv::WriterBuilder::new().with_header(true).build(file);
    writer.write(batch).map_err(std::io::Error::other)
}
