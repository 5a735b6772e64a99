//! The locals in scope (a function's arguments, the item each aggregation is at) and
//! fields read in place. Items and the records of a case are shared by reference
//! count: cloning one to read a field of it, and dropping it again, cost more than the
//! rest of the step (two atomic operations), and an aggregation's filter reads a field
//! or two of every item. Records computed by definitions are read in place too.

use super::Evaluation;
use crate::program::{CExpr, CKind};
use crate::value::Value;
use std::sync::Arc;

/// The value of a local.
#[derive(Debug, Clone)]
pub(super) enum Local {
    /// A function's argument.
    Value(Value),
    /// The item an aggregation is at: its list and its index, so that going on to the
    /// next item copies no value.
    Item(Arc<[Value]>, usize),
}

/// What a local, field or path that holds nothing reads as.
static ABSENT: Value = Value::Absent;

/// The longest chain of fields (`a.b.c.d`) read in place; a longer one is read by
/// evaluating its record.
const MAX_CHAIN: usize = 8;

impl Local {
    /// The local's value.
    fn value(&self) -> &Value {
        match self {
            Local::Value(v) => v,
            Local::Item(items, index) => items.get(*index).unwrap_or(&ABSENT),
        }
    }
}

impl Evaluation<'_> {
    /// The value of the local in `slot` (absent if there is none).
    pub(super) fn local(&self, slot: u16) -> &Value {
        self.locals.get(slot as usize).map_or(&ABSENT, Local::value)
    }

    /// Makes `slot` the item at `index` of `items`, forgetting the locals after it (of
    /// aggregations nested in the previous item's filter or body).
    pub(super) fn bind_item(&mut self, slot: u16, items: &Arc<[Value]>, index: usize) {
        let slot = slot as usize;
        if let Some(Local::Item(list, at)) = self.locals.get_mut(slot)
            && Arc::ptr_eq(list, items)
        {
            *at = index;
            self.locals.truncate(slot + 1);
            return;
        }
        self.locals.truncate(slot);
        self.locals.push(Local::Item(items.clone(), index));
    }

    /// `base.i`, the step of which is taken. A chain of fields of a local or of the
    /// case is read in place, taking the steps evaluating `base` takes: one per
    /// expression of the chain, in the order evaluation takes them.
    #[inline(never)]
    pub(super) fn field(&mut self, base: &CExpr, i: u16) -> Value {
        // A field of a list item (`s.date`), most of what is read this way: no chain
        // to walk.
        if let CKind::Local(slot) = &base.kind {
            self.expression_step(&base.span);
            return field_of(self.local(*slot), i);
        }
        let mut indices = [i; MAX_CHAIN];
        let mut n = 1;
        let mut root = base;
        while let CKind::GetField(inner, j) = &root.kind {
            if n == MAX_CHAIN {
                return self.field_of_record(base, i);
            }
            indices[n] = *j;
            n += 1;
            root = inner;
        }
        let memoised = |id: &crate::program::DefId| matches!(self.defs.get(id.0 as usize), Some(Some(_)));
        let in_place = match &root.kind {
            CKind::Local(_) | CKind::CaseField(_) => true,
            // A definition computed already: evaluating it is its one step.
            CKind::Def(id) => memoised(id),
            _ => false,
        };
        if !in_place {
            return self.field_of_record(base, i);
        }
        let mut node = base;
        loop {
            self.expression_step(&node.span);
            match &node.kind {
                CKind::GetField(inner, _) => node = inner,
                _ => break,
            }
        }
        let mut v = match &root.kind {
            CKind::Local(slot) => self.local(*slot),
            CKind::CaseField(path) => self.facts.at_ref(path).unwrap_or(&ABSENT),
            CKind::Def(id) => self.defs.get(id.0 as usize).and_then(Option::as_ref).unwrap_or(&ABSENT),
            _ => &ABSENT,
        };
        for j in indices[..n].iter().rev() {
            v = match v {
                Value::Record(fields) => match fields.get(*j as usize) {
                    Some(field) => field,
                    None => return Value::Absent,
                },
                _ => return Value::Absent,
            };
        }
        v.clone()
    }

    /// `base.i` by evaluating `base`.
    fn field_of_record(&mut self, base: &CExpr, i: u16) -> Value {
        match self.eval(base) {
            Value::Record(fields) => field_of_fields(&fields, i),
            _ => Value::Absent,
        }
    }
}

/// Field `i` of a record (absent for anything else, or where it has no such field).
#[inline(always)]
pub(super) fn field_of(record: &Value, i: u16) -> Value {
    match record {
        Value::Record(fields) => field_of_fields(fields, i),
        _ => Value::Absent,
    }
}

/// Field `i` of a record's fields (`unwrap_or(Value::Absent)` would make and drop an
/// absent value each time).
#[inline(always)]
fn field_of_fields(fields: &[Value], i: u16) -> Value {
    match fields.get(i as usize) {
        Some(v) => cloned(v),
        None => Value::Absent,
    }
}

/// A copy of `v`: the values that hold nothing shared (dates, numbers, …), most of
/// what is read, copied here; the others by `Value::clone`, which is a call.
#[inline(always)]
pub(super) fn cloned(v: &Value) -> Value {
    match v {
        Value::Absent => Value::Absent,
        Value::Bool(b) => Value::Bool(*b),
        Value::Int(n) => Value::Int(*n),
        Value::Date(d) => Value::Date(*d),
        Value::Month(m) => Value::Month(*m),
        Value::Quantity(n, u) => Value::Quantity(*n, *u),
        Value::Enum(e, i) => Value::Enum(*e, *i),
        _ => v.clone(),
    }
}
