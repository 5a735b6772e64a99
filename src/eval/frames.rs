//! Frames: a definition or rule computed while a list is gone through gets a frame
//! of its own (its item variables are numbered from the first slot), a function the
//! policy defines is called with its arguments as its frame, and a table's row is
//! built for an enum value. Frames are reused from call to call.

use super::Evaluation;
use super::MAX_STEPS;
use super::locals::Local;
use crate::program::{CExpr, DefId, TableId};
use crate::value::Value;

impl Evaluation<'_> {
    /// `e` evaluated with no locals (see [`Self::at_top_level`]), apart from the
    /// evaluator's common path.
    #[inline(never)]
    pub(super) fn in_fresh_frame(&mut self, e: &CExpr) -> Value {
        self.at_top_level(|ev| ev.eval(e))
    }

    /// Whether `e` holds, with no locals (see [`Self::at_top_level`]).
    #[inline(never)]
    pub(super) fn truth_in_fresh_frame(&mut self, e: &CExpr) -> bool {
        self.at_top_level(|ev| ev.truth(e))
    }

    /// Runs `f` with no locals, as a definition's or rule's own expression is: its item
    /// variables are numbered from the first slot, so computed while a list is gone
    /// through, it would otherwise take the place of that list's item.
    fn at_top_level<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        if self.locals.is_empty() {
            return f(self);
        }
        let frame = self.frames.pop().unwrap_or_default();
        self.in_own_frame(frame, f)
    }

    /// Runs `f` with `frame` as the only locals (a function's arguments, or none), then
    /// gives the frame back, emptied, for the next call.
    fn in_own_frame<T>(&mut self, frame: Vec<Local>, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.locals, frame);
        let out = f(self);
        let mut frame = std::mem::replace(&mut self.locals, saved);
        frame.clear();
        self.frames.push(frame);
        out
    }

    /// Runs `f` with `args` as the only locals (a function's frame).
    pub(crate) fn in_frame<T>(&mut self, args: Vec<Value>, f: impl FnOnce(&mut Self) -> T) -> T {
        let args = args.into_iter().map(Local::Value).collect();
        let saved = std::mem::replace(&mut self.locals, args);
        let out = f(self);
        self.locals = saved;
        out
    }

    /// A table's row for an enum value, or the row in force on a date (absent before
    /// the first row); its step taken, and one for each date compared.
    #[inline(never)]
    pub(super) fn table_row(&mut self, table: TableId, key: &CExpr) -> Value {
        let program = self.program;
        let table = &program.tables[table.0 as usize];
        let row = match self.eval(key) {
            Value::Enum(_, v) => Some(v as usize),
            Value::Date(day) => {
                let (row, compared) = table.row_on(day);
                if !self.step(compared, &key.span) {
                    return Value::Absent;
                }
                row
            }
            _ => None,
        };
        match row {
            Some(v) if self.may_repeat() => {
                // A row of literals, made once: its cells' steps, and a copy of it.
                if let Some(Some((row, steps))) = table.literal_rows.get(v)
                    && *steps <= MAX_STEPS.saturating_sub(self.steps)
                {
                    self.steps += steps;
                    return row.clone();
                }
                match table.rows.get(v) {
                    Some(row) => Value::Record(row.iter().map(|c| self.eval(c)).collect()),
                    None => Value::Absent,
                }
            }
            _ => Value::Absent,
        }
    }

    /// Calls a function the policy defines, its arguments in a frame reused from call
    /// to call (a function in a filter is called for every item).
    #[inline(never)]
    pub(super) fn call_definition(&mut self, id: DefId, args: &[CExpr]) -> Value {
        let mut frame = self.frames.pop().unwrap_or_default();
        for a in args {
            let v = self.eval(a);
            frame.push(Local::Value(v));
        }
        let program = self.program;
        self.in_own_frame(frame, |ev| ev.eval(&program.definitions[id.0 as usize].expr))
    }
}
