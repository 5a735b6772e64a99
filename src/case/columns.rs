//! Cases from columns: rows of a table whose columns are named by case field paths
//! (`person.birth_date`), as a registry query gives them (`zhengce match`, the Arrow
//! API). The column names are resolved against the policy's case schema once, for
//! the whole table; each row is then read straight into the schema's slots, with no
//! text and no tree in between.
//!
//! As with JSON lines, the fast reading gives up on anything it does not find plain (a
//! value of the wrong kind, a bad date, an unknown enum value, a missing field, dates
//! out of order, a derived field that disagrees with the ID): the row is then written
//! as one JSON line ([`CaseColumns::json_line`]) for the located loader, which
//! reports the problem. So for every row the fast reading accepts, the facts are
//! those the located loader gives.

use super::derive;
use super::messages::CaseMsg;
use super::record::schema;
use super::resident_id;
use super::scalar::{parse_date, parse_month};
use super::slots::{Fast, GiveUp, Marks, complete, in_order, open, ordered_records, variant};
use crate::diagnostic::did_you_mean;
use crate::lang::Text;
use crate::program::{Program, RecordId, SchemaShape, Type};
use crate::value::{IsoDate, Value};
use chrono::NaiveDate;
use std::sync::Arc;

/// One value of a row, as a table holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// No value (SQL `NULL`): the field is left out, and takes its default.
    Null,
    /// Text: read by the field's type (a date as `YYYY-MM-DD`, an enum by its name).
    Text(&'a str),
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A date.
    Date(NaiveDate),
}

/// A column name that is not a scalar field of the case schema.
#[derive(Debug, Clone)]
pub struct ColumnProblem {
    /// The column, as named.
    pub column: String,
    /// What is wrong, in both languages.
    pub message: Text,
}

/// The columns of a table resolved against a policy's case schema: where each one's
/// value goes, and as what type.
#[derive(Debug, Clone)]
pub struct CaseColumns {
    root: Fill,
    names: Vec<String>,
    ordered: u64,
}

/// The fields of one record that some column fills.
#[derive(Debug, Clone)]
struct Fill {
    record: RecordId,
    fields: Vec<(usize, Slot)>,
}

/// What fills one field of a record.
#[derive(Debug, Clone)]
enum Slot {
    /// The value of a column (its place among the columns), read as this type.
    Column(usize, Type),
    /// A nested record, some of whose fields columns fill.
    Record(Fill),
}

impl CaseColumns {
    /// Resolves `columns`, each a path of scalar case fields (`person.birth_date`).
    /// Every column that is not one is a problem; all are reported together.
    pub fn new(program: &Program, columns: &[&str]) -> Result<CaseColumns, Vec<ColumnProblem>> {
        let mut root = Fill {
            record: Program::ROOT,
            fields: Vec::new(),
        };
        let mut problems = Vec::new();
        for (col, name) in columns.iter().enumerate() {
            if let Err(message) = place(program, &mut root, name, col) {
                problems.push(ColumnProblem {
                    column: (*name).to_owned(),
                    message,
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CaseColumns {
            root,
            names: columns.iter().map(|c| (*c).to_owned()).collect(),
            ordered: ordered_records(program),
        })
    }

    /// The column names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The facts of one row (one cell per column, in order), derived fields filled in;
    /// `None` when the row is not plain: then [`Self::json_line`] gives it to the
    /// located loader, which reports why.
    pub fn facts(&self, program: &Program, cells: &[Cell]) -> Option<Value> {
        if cells.len() != self.names.len() {
            return None;
        }
        let mut facts = self.record(program, &self.root, cells).ok()?;
        let mut diagnostics = Vec::new();
        derive::apply(program, &mut facts, None, &mut diagnostics);
        diagnostics.is_empty().then_some(facts)
    }

    /// The row as one JSON line of a case file (`id` and `as_of` first, then the
    /// fields by path), for the located loader when [`Self::facts`] gives up.
    pub fn json_line(&self, id: &str, as_of: Option<NaiveDate>, cells: &[Cell]) -> String {
        let mut root = serde_json::Map::new();
        root.insert("id".into(), id.into());
        if let Some(d) = as_of {
            root.insert("as_of".into(), IsoDate(d).to_string().into());
        }
        for (name, cell) in self.names.iter().zip(cells) {
            let value = match cell {
                Cell::Null => serde_json::Value::Null,
                Cell::Text(t) => (*t).into(),
                Cell::Bool(b) => (*b).into(),
                Cell::Int(n) => (*n).into(),
                Cell::Date(d) => IsoDate(*d).to_string().into(),
            };
            let mut record = &mut root;
            let mut parts = name.split('.').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_none() {
                    record.insert(part.to_owned(), value);
                    break;
                }
                let entry = record
                    .entry(part.to_owned())
                    .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                match entry {
                    serde_json::Value::Object(inner) => record = inner,
                    // Checked by `new`: a path goes through records only.
                    _ => break,
                }
            }
        }
        serde_json::Value::Object(root).to_string()
    }

    fn record(&self, program: &Program, fill: &Fill, cells: &[Cell]) -> Fast<Value> {
        let fields = schema(program, fill.record);
        let mut value = open(fields)?;
        let slots = Arc::get_mut(&mut value).ok_or(GiveUp)?;
        let mut marks = Marks::default();
        for (i, slot) in &fill.fields {
            let bit = 1 << i;
            let field = fields.get(*i).ok_or(GiveUp)?;
            if field.removed.is_some() {
                return Err(GiveUp);
            }
            slots[*i] = match slot {
                Slot::Record(inner) => self.record(program, inner, cells)?,
                Slot::Column(col, ty) => match cells.get(*col).ok_or(GiveUp)? {
                    Cell::Null => {
                        marks.null |= bit;
                        Value::Absent
                    }
                    cell => scalar(program, ty, *cell)?,
                },
            };
            marks.given |= bit;
        }
        complete(program, self.ordered, fields, slots, marks)?;
        in_order(program, self.ordered, fill.record, Value::Record(value))
    }
}

/// Puts column `col`, named by the path `name`, into `root`.
fn place(program: &Program, root: &mut Fill, name: &str, col: usize) -> Result<(), Text> {
    let mut fill = root;
    let mut parts = name.split('.').peekable();
    let mut walked = String::new();
    while let Some(part) = parts.next() {
        let fields = schema(program, fill.record);
        let Some(i) = fields.iter().position(|f| f.name == part) else {
            let guess = did_you_mean(part, fields.iter().map(|f| f.name.as_str()));
            return Err(match guess {
                Some(guess) => CaseMsg::ColumnUnknownGuess.with([Text::from(name), guess]),
                None => CaseMsg::ColumnUnknown.with([name]),
            });
        };
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(part);
        let field = &fields[i];
        let last = parts.peek().is_none();
        match (&field.shape, last) {
            (SchemaShape::Scalar(ty), true) => {
                if fill.fields.iter().any(|(j, _)| *j == i) {
                    return Err(CaseMsg::ColumnTwice.with([name]));
                }
                fill.fields.push((i, Slot::Column(col, ty.clone())));
                return Ok(());
            }
            (SchemaShape::Record(r), false) => {
                let at = match fill.fields.iter().position(|(j, _)| *j == i) {
                    Some(at) => at,
                    None => {
                        fill.fields.push((
                            i,
                            Slot::Record(Fill {
                                record: *r,
                                fields: Vec::new(),
                            }),
                        ));
                        fill.fields.len() - 1
                    }
                };
                match &mut fill.fields[at].1 {
                    Slot::Record(inner) => fill = inner,
                    Slot::Column(..) => return Err(CaseMsg::ColumnTwice.with([name])),
                }
            }
            (SchemaShape::Record(_), true) => return Err(CaseMsg::ColumnIsRecord.with([name])),
            (SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_), _) => {
                return Err(CaseMsg::ColumnIsList.with([walked.as_str()]));
            }
            (SchemaShape::Scalar(_), false) => return Err(CaseMsg::ColumnUnknown.with([name])),
        }
    }
    Err(CaseMsg::ColumnUnknown.with([name]))
}

/// A cell as a scalar of type `ty`, as the located loader reads the same JSON value.
fn scalar(program: &Program, ty: &Type, cell: Cell) -> Fast<Value> {
    Ok(match (ty, cell) {
        (Type::Bool, Cell::Bool(b)) => Value::Bool(b),
        (Type::Date, Cell::Date(d)) => Value::Date(d),
        (Type::Int, Cell::Int(n)) => Value::Int(n),
        (Type::Quantity(u), Cell::Int(n)) => Value::Quantity(n, *u),
        (Type::Text, Cell::Text(t)) => Value::Text(t.into()),
        (Type::Text, Cell::Int(n)) => Value::Text(n.to_string().into()),
        (Type::Date, Cell::Text(t)) => Value::Date(parse_date(t).map_err(|_| GiveUp)?),
        (Type::Month, Cell::Text(t)) => Value::Month(parse_month(t).map_err(|_| GiveUp)?),
        (Type::ResidentId, Cell::Text(t)) if resident_id::validate(t).is_ok() => Value::ResidentId(t.into()),
        (Type::Enum(e), Cell::Text(t)) => variant(program, *e, t)?,
        // An enum's values may be numbers (an age of 50 or 55).
        (Type::Enum(e), Cell::Int(n)) => variant(program, *e, &n.to_string())?,
        _ => return Err(GiveUp),
    })
}
