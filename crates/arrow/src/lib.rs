//! zhengce's evaluator on Arrow record batches: a batch whose columns are named by case
//! field paths (`person.birth_date`, `registration.unemployed_since`) in, one decision
//! per row out. This is how a query engine (`zhengce match` on DataFusion), Spark's
//! `mapInArrow` or a pandas/polars user hands cases over: no JSON text in between.
//!
//! The column names are resolved against the policy's case schema once per schema
//! ([`BatchEvaluator::new`]); each row is read straight into the case's slots
//! (`zhengce::case::CaseColumns`). A row that is not plain is read again by the
//! located loader, which says what is wrong with it, as `zhengce eval` would.

mod cells;
mod decisions;
mod messages;

pub use cells::{ColumnCells, text_of};
pub use decisions::{CATEGORIES, CLAUSES, ERROR, REASONS, Wanted, categories, definition_ids, separator};
pub use messages::ArrowMsg;

use arrow_array::RecordBatch;
use arrow_schema::Schema;
use chrono::NaiveDate;
use zhengce::case::{CaseColumns, Cell, ColumnProblem, load_document};
use zhengce::diagnostic::Diagnostic;
use zhengce::eval::{Decision, decide};
use zhengce::lang::Text;
use zhengce::program::Program;
use zhengce::source::SourceMap;
use zhengce::value::Value;
use zhengce::yaml::parse_json_document;

/// A column of the batch that cannot be read as a case field.
#[derive(Debug, Clone)]
pub struct SchemaProblem {
    /// The column, as named.
    pub column: String,
    /// What is wrong, in both languages.
    pub message: Text,
}

impl From<ColumnProblem> for SchemaProblem {
    fn from(p: ColumnProblem) -> SchemaProblem {
        SchemaProblem {
            column: p.column,
            message: p.message,
        }
    }
}

/// One row, decided.
#[derive(Debug)]
pub struct Decided {
    /// The case's facts, as the policy reads them.
    pub facts: Value,
    /// What the policy decided on the evaluation date.
    pub decision: Decision,
}

/// Evaluates the rows of record batches of one schema with one policy on one date.
pub struct BatchEvaluator<'p> {
    program: &'p Program,
    columns: CaseColumns,
    /// For each case column, its place in the batch.
    places: Vec<usize>,
    as_of: NaiveDate,
}

impl<'p> BatchEvaluator<'p> {
    /// An evaluator for batches of `schema`: every column is a case field path,
    /// except those named in `carried` (passed by the caller, not read as facts).
    /// Every column that is neither, or of a type no case field takes, is a problem;
    /// all are reported together.
    pub fn new(
        program: &'p Program,
        schema: &Schema,
        carried: &[&str],
        as_of: NaiveDate,
    ) -> Result<BatchEvaluator<'p>, Vec<SchemaProblem>> {
        let mut names = Vec::new();
        let mut places = Vec::new();
        let mut problems = Vec::new();
        for (i, field) in schema.fields().iter().enumerate() {
            if carried.contains(&field.name().as_str()) {
                continue;
            }
            if !cells::readable(field.data_type()) {
                problems.push(SchemaProblem {
                    column: field.name().clone(),
                    message: ArrowMsg::ColumnType.with([field.name().clone(), field.data_type().to_string()]),
                });
                continue;
            }
            names.push(field.name().as_str());
            places.push(i);
        }
        let columns = match CaseColumns::new(program, &names) {
            Ok(columns) => Some(columns),
            Err(more) => {
                problems.extend(more.into_iter().map(SchemaProblem::from));
                None
            }
        };
        match columns {
            Some(columns) if problems.is_empty() => Ok(BatchEvaluator {
                program,
                columns,
                places,
                as_of,
            }),
            _ => Err(problems),
        }
    }

    /// The policy.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The readers of a batch's case columns, made once per batch.
    pub fn cells<'b>(&self, batch: &'b RecordBatch) -> Vec<ColumnCells<'b>> {
        self.places
            .iter()
            .map(|i| ColumnCells::new(batch.column(*i).as_ref()))
            .collect()
    }

    /// Decides row `row` of the batch whose readers are `readers` ([`Self::cells`]).
    /// A row that is not a valid case gives the diagnostics of the located loader (a
    /// case named `id`), without places: the row is not a file.
    pub fn decide_row(&self, readers: &[ColumnCells], row: usize, id: &str) -> Result<Decided, Vec<Diagnostic>> {
        let cells: Vec<Cell> = readers.iter().map(|r| r.cell(row)).collect();
        if let Some(facts) = self.columns.facts(self.program, &cells) {
            let decision = decide(self.program, &facts, self.as_of);
            return Ok(Decided { facts, decision });
        }
        let line = self.columns.json_line(id, None, &cells);
        let mut sources = SourceMap::default();
        let file = sources.add(id, line.as_str());
        let case = load_document(self.program, file, parse_json_document(file, &line));
        match case.facts {
            // The fast reading gives up on some rows the loader reads with a warning.
            Some(facts) if !case.has_errors() => {
                let decision = decide(self.program, &facts, self.as_of);
                Ok(Decided { facts, decision })
            }
            _ => Err(case.diagnostics.into_iter().filter(Diagnostic::is_error).collect()),
        }
    }
}
