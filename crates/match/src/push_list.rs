//! The 推送名单 (push list) and the error table: made as the query's rows are decided,
//! written sorted (by district, then ID), so the same registries give the same bytes
//! whatever order the query engine's partitions finish in.

use crate::messages::MatchMsg;
use crate::registries::RowProblem;
use arrow_array::{ArrayRef, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{Field, Schema};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use zhengce::case::mask_id;
use zhengce::lang::Lang;

/// One person on the push list.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The resident ID number, in full (masked when written, unless asked otherwise).
    pub id: String,
    /// The district, as the query gives it.
    pub district: Option<String>,
    /// The categories that hold (their numbers or names).
    pub categories: Vec<String>,
    /// Their clauses.
    pub clauses: Vec<String>,
    /// Why, in one line.
    pub reasons: String,
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct Findings {
    /// People decided.
    pub decided: u64,
    /// The push list.
    pub listed: Vec<Listed>,
    /// The error table.
    pub problems: Vec<RowProblem>,
}

impl Findings {
    /// Sorts the list (district, then ID) and the problems of the query result (after
    /// the registries' own, which come in file order), so that the output does not
    /// depend on the order the query engine's partitions finish in.
    pub fn sort(&mut self) {
        self.listed
            .sort_by(|a, b| (&a.district, &a.id).cmp(&(&b.district, &b.id)));
        let in_query = |r: &RowProblem| r.row.is_none();
        self.problems.sort_by(|a, b| {
            let key = |r: &RowProblem| (in_query(r), in_query(r).then(|| (r.value.clone(), r.problem.zh())));
            key(a).cmp(&key(b))
        });
    }

    /// The push list as a record batch, its headings in `lang`.
    pub fn list_batch(&self, lang: Lang, show_pii: bool) -> RecordBatch {
        let sep = match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        };
        let text = |f: &dyn Fn(&Listed) -> Option<String>| -> ArrayRef {
            Arc::new(StringArray::from(self.listed.iter().map(f).collect::<Vec<_>>()))
        };
        let columns = vec![
            text(&|l| Some(if show_pii { l.id.clone() } else { mask_id(&l.id) })),
            text(&|l| l.district.clone()),
            text(&|l| Some(l.categories.join(sep))),
            text(&|l| Some(l.clauses.join(sep))),
            text(&|l| Some(l.reasons.clone())),
        ];
        let headings = [
            MatchMsg::HeadId,
            MatchMsg::HeadDistrict,
            MatchMsg::HeadCategories,
            MatchMsg::HeadClauses,
            MatchMsg::HeadReasons,
        ];
        batch(&headings, columns, lang)
    }

    /// The error table as a record batch, its headings in `lang`.
    pub fn problem_batch(&self, lang: Lang) -> RecordBatch {
        let p = &self.problems;
        let text = |f: &dyn Fn(&RowProblem) -> String| -> ArrayRef {
            Arc::new(StringArray::from(p.iter().map(f).collect::<Vec<_>>()))
        };
        let columns: Vec<ArrayRef> = vec![
            text(&|r| r.source.get(lang).into_owned()),
            Arc::new(UInt64Array::from(p.iter().map(|r| r.row).collect::<Vec<_>>())),
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
        let mut by_district = BTreeMap::new();
        let mut by_category = BTreeMap::new();
        for l in &self.listed {
            let d = l
                .district
                .clone()
                .unwrap_or_else(|| MatchMsg::NoDistrict.text(lang).to_owned());
            *by_district.entry(d).or_insert(0) += 1;
            for c in &l.clauses {
                *by_category.entry(c.clone()).or_insert(0) += 1;
            }
        }
        (by_district, by_category)
    }
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

/// Writes `batch` as Parquet to `path`.
pub fn write_parquet(batch: &RecordBatch, path: &Path) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).map_err(std::io::Error::other)?;
    writer.write(batch).map_err(std::io::Error::other)?;
    writer.close().map(|_| ()).map_err(std::io::Error::other)
}
