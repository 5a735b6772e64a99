//! Compiling reads: case fields (read in place, by their path from the root), locals,
//! fields of list items and records, and cells of a table's rows of literals; and the
//! reads of a case field of two names and of a local's field that the operands of
//! [`super::operand`] do inline.

use super::compile::{Binding, Compiler, CondFn, R, Unsupported};
use super::cx::{Cx, Local};
use super::operand::{Cond1, of_one};
use super::word::{Scalar, Word, pack, unpack};
use super::{Node, ScalarFn};
use crate::program::{CExpr, CKind, TableKey};
use crate::value::Value;

impl Compiler<'_> {
    /// The case field (path from the root, and the fields picked of it) that `e` is,
    /// when it is one that can be read in place.
    pub fn path_of(&self, e: &CExpr) -> Option<(Vec<u16>, Option<Vec<u16>>)> {
        match &e.kind {
            CKind::CaseField(path) => Some((path.to_vec(), None)),
            CKind::Local(slot) => match self.binding(*slot).ok()? {
                Binding::Path { path, picked } => Some((path, picked)),
                Binding::Slot(_) => None,
            },
            CKind::GetField(base, i) => {
                let (mut path, picked) = self.path_of(base)?;
                path.push(picked.map_or(Some(*i), |p| p.get(*i as usize).copied())?);
                Some((path, None))
            }
            CKind::Project(base, picked) => {
                let (path, outer) = self.path_of(base)?;
                let picked = match outer {
                    None => picked.to_vec(),
                    Some(outer) => picked
                        .iter()
                        .map(|i| outer.get(*i as usize).copied())
                        .collect::<Option<_>>()?,
                };
                Some((path, Some(picked)))
            }
            _ => None,
        }
    }

    /// A case field, local or field of one, as a scalar.
    pub(super) fn read(&mut self, e: &CExpr, kind: Scalar) -> R<ScalarFn> {
        if let Some((path, None)) = self.path_of(e) {
            return Ok(case_field(path, kind));
        }
        Ok(match &e.kind {
            CKind::Local(slot) => {
                let Binding::Slot(g) = self.binding(*slot)? else {
                    return Err(Unsupported);
                };
                // A slot holds words of one kind: an argument's, which must be the
                // kind it is read as.
                if self
                    .slot_kinds
                    .get(usize::from(g))
                    .copied()
                    .flatten()
                    .is_some_and(|k| k != kind)
                {
                    return Err(Unsupported);
                }
                Box::new(move |cx| {
                    let w = match cx.local(g) {
                        Local::Word(w) => return *w,
                        Local::Item(items, at) => kind.word(items.get(*at).unwrap_or(&Value::Absent)),
                        Local::Value(v) => kind.word(v),
                        Local::Empty => return None,
                    };
                    w.unwrap_or_else(|_| cx.hand_back())
                })
            }
            CKind::GetField(base, i) => {
                let i = *i as usize;
                if let Some((g, i)) = self.local_field_of(e) {
                    return Ok(Box::new(move |cx| local_field(cx, g, i, kind)));
                }
                if let CKind::TableRow(table, key) = &base.kind {
                    return self.table_cell(*table, key, i, kind);
                }
                let base = self.value(base)?;
                Box::new(move |cx| {
                    let v = base(cx);
                    let field = match &v {
                        Value::Record(fields) => fields.get(i).unwrap_or(&Value::Absent),
                        _ => &Value::Absent,
                    };
                    cx.word(kind, field)
                })
            }
            _ => return Err(Unsupported),
        })
    }

    /// The slot and field index of `e` when it is a field of a local held in a slot
    /// (an aggregation's item, a function's record argument): `s.date`.
    pub(super) fn local_field_of(&self, e: &CExpr) -> Option<(u16, usize)> {
        let CKind::GetField(base, i) = &e.kind else {
            return None;
        };
        let CKind::Local(slot) = &base.kind else {
            return None;
        };
        match self.binding(*slot).ok()? {
            Binding::Slot(g) => Some((g, *i as usize)),
            Binding::Path { .. } => None,
        }
    }

    /// A yes/no case field, local or field of one, as a condition, read in the
    /// condition's own closure when it is an [`Operand`](super::operand::Operand).
    pub(super) fn read_cond(&mut self, e: &CExpr) -> R<CondFn> {
        let f = self.read(e, Scalar::Bool)?;
        Ok(of_one(self.operand(e, f, Scalar::Bool), Cond1(|w| w == Some(1))))
    }

    /// Cell `i` of a table's row of literals, as a scalar.
    fn table_cell(&mut self, table: crate::program::TableId, key: &CExpr, i: usize, kind: Scalar) -> R<ScalarFn> {
        if self.program.tables[table.0 as usize]
            .literal_rows
            .iter()
            .any(Option::is_none)
        {
            return Err(Unsupported);
        }
        let Node::Scalar(key, key_kind) = self.node(key)? else {
            return Err(Unsupported);
        };
        let by_date = self.table_read(table, key_kind).ok_or(Unsupported)?;
        let table = table.0 as usize;
        Ok(Box::new(move |cx| {
            let k = key(cx);
            table_cell(cx, table, by_date, k, i, kind)
        }))
    }

    /// Whether cell reads of `table` by a key of kind `key` can be compiled: its rows
    /// are literals, and the key is the table's (an enum, or a date for a table by
    /// date). `Some(by_date)` when they can.
    pub(super) fn table_read(&self, table: crate::program::TableId, key: Scalar) -> Option<bool> {
        let t = &self.program.tables[table.0 as usize];
        if t.literal_rows.iter().any(Option::is_none) {
            return None;
        }
        match (&t.key, key) {
            (TableKey::Enum(_), Scalar::Enum(_)) => Some(false),
            (TableKey::From(_), Scalar::Date) => Some(true),
            _ => None,
        }
    }
}

/// Cell `i` of the row of table `table` for key `k` (a date for a table `by_date`, else
/// an enum's index) as a word of kind `kind`; shared with the generated code.
#[inline]
pub(super) fn table_cell(
    cx: &mut Cx,
    table: usize,
    by_date: bool,
    k: Option<Word>,
    i: usize,
    kind: Scalar,
) -> Option<Word> {
    let k = k?;
    let t = &cx.program.tables[table];
    let row = if by_date {
        let (row, compared) = t.row_on(unpack(k)?);
        cx.charge(compared);
        row?
    } else {
        usize::try_from(k).ok()?
    };
    let (row, steps) = t.literal_rows.get(row)?.as_ref()?;
    cx.charge(*steps);
    let v = match row {
        Value::Record(fields) => fields.get(i).unwrap_or(&Value::Absent),
        _ => &Value::Absent,
    };
    match kind.word(v) {
        Ok(w) => w,
        Err(_) => cx.hand_back(),
    }
}

/// What a path that leads nowhere reads as.
static ABSENT: Value = Value::Absent;

/// Field `i` of a record (absent for anything else).
#[inline(always)]
pub(super) fn field(v: &Value, i: u16) -> &Value {
    match v {
        Value::Record(fields) => fields.get(usize::from(i)).unwrap_or(&ABSENT),
        _ => &ABSENT,
    }
}

/// A case field as a scalar: for the paths of one or two fields, most of those a
/// policy reads, and for dates, a closure of their own.
fn case_field(path: Vec<u16>, kind: Scalar) -> ScalarFn {
    match (path.as_slice(), kind) {
        (&[a, b], Scalar::Date) => Box::new(move |cx| date_field(cx, a, b)),
        (&[a, b], _) => Box::new(move |cx| case_field_of_two(cx, a, b, kind)),
        (&[a], _) => Box::new(move |cx| {
            let v = field(cx.facts, a);
            cx.word(kind, v)
        }),
        _ => Box::new(move |cx| {
            let v = path.iter().fold(cx.facts, |v, i| field(v, *i));
            cx.word(kind, v)
        }),
    }
}

/// The date at case field `a`.`b` as a word: `None` when absent; a value of another
/// kind hands the case back.
#[inline(always)]
pub(super) fn date_field(cx: &mut Cx, a: u16, b: u16) -> Option<Word> {
    match field(field(cx.facts, a), b) {
        Value::Date(d) => Some(pack(*d)),
        Value::Absent => None,
        _ => cx.hand_back(),
    }
}

/// Field `i` of the record in local slot `g` (an aggregation's item, an argument) as
/// a word of kind `kind`: `None` when absent; a value of another kind hands the case
/// back.
#[inline(always)]
pub(super) fn local_field(cx: &mut Cx, g: u16, i: usize, kind: Scalar) -> Option<Word> {
    let record = match cx.local(g) {
        Local::Item(items, at) => items.get(*at),
        Local::Value(v) => Some(v),
        _ => None,
    };
    match record_field(record, i, kind) {
        Ok(w) => w,
        Err(_) => cx.hand_back(),
    }
}

/// Field `i` of `record` (an item of a list, in the code generated for a policy) as a
/// word of kind `kind`, as [`local_field`] reads it.
#[inline(always)]
pub(super) fn item_field(cx: &mut Cx, record: &Value, i: usize, kind: Scalar) -> Option<Word> {
    match record_field(Some(record), i, kind) {
        Ok(w) => w,
        Err(_) => cx.hand_back(),
    }
}

/// Field `i` of a record as a word of kind `kind` (absent for anything but a record).
#[inline(always)]
fn record_field(record: Option<&Value>, i: usize, kind: Scalar) -> Result<Option<Word>, super::word::Mismatch> {
    let v = match record {
        Some(Value::Record(fields)) => fields.get(i).unwrap_or(&ABSENT),
        _ => &ABSENT,
    };
    kind.word(v)
}

/// The scalar of kind `kind` at case field `a`.`b` as a word: `None` when absent; a
/// value of another kind hands the case back.
#[inline(always)]
pub(super) fn case_field_of_two(cx: &mut Cx, a: u16, b: u16, kind: Scalar) -> Option<Word> {
    let v = field(field(cx.facts, a), b);
    cx.word(kind, v)
}
