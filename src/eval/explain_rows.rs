//! Which row of a table by date a value was read from, so that an explanation names it
//! (`年龄下限 46（女性年龄条件自2028-01-01起的一行）`): a cell of the row, found through
//! definitions a few levels deep, the row found again from its key.

use super::Evaluation;
use super::explain::MAX_DEPTH;
use crate::ast::Label;
use crate::program::{CExpr, CKind, TableKey};
use crate::value::Value;

impl<'p> Evaluation<'p> {
    /// For a value read from a table by date (a cell of its row, through definitions):
    /// the table's label and the first day of the row that was used.
    pub(super) fn row_used(&mut self, e: &'p CExpr, depth: usize) -> Option<(&'p Label, chrono::NaiveDate)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let program = self.program;
        match &e.kind {
            CKind::Def(id) => self.row_used(&program.definitions[id.0 as usize].expr, depth + 1),
            CKind::GetField(inner, _) => self.row_used(inner, depth + 1),
            CKind::TableRow(t, key) => {
                let table = &program.tables[t.0 as usize];
                let TableKey::From(from) = &table.key else {
                    return None;
                };
                let Value::Date(day) = self.eval(key) else {
                    return None;
                };
                let row = table.row_on(day).0?;
                Some((&table.label, *from.get(row)?))
            }
            _ => None,
        }
    }
}
