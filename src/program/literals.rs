//! Literals valued once per program: a table's rows are asked for in every case and
//! are mostly literals (`{ original_age: 60 years, first_affected: 1965-01, … }`), so
//! a row of literals is made when the program is checked, with the steps evaluating
//! it takes, rather than built again each time.

use super::{CExpr, CKind};
use crate::value::Value;

/// The value of a literal (`4`, `1965-01`, `60 years`) and the steps evaluating it
/// takes, one per expression; `None` for anything else.
pub fn literal(e: &CExpr) -> Option<(Value, u64)> {
    match &e.kind {
        CKind::Const(v) => Some((v.clone(), 1)),
        CKind::WithUnit(inner, unit) => match literal(inner)? {
            (Value::Int(n), steps) => Some((Value::Quantity(n, *unit), steps + 1)),
            _ => None,
        },
        _ => None,
    }
}

/// A table row made once (see [`super::Table::literal_rows`]), when all its cells are literals.
pub fn literal_row(cells: &[CExpr]) -> Option<(Value, u64)> {
    let mut steps = 0;
    let mut values = Vec::with_capacity(cells.len());
    for cell in cells {
        let (v, n) = literal(cell)?;
        values.push(v);
        steps += n;
    }
    Some((Value::Record(values.into()), steps))
}
