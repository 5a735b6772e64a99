//! Filling a case's records slot by slot, shared by the readers that build the facts
//! without a tree: the JSON-line fast path and cases from columns. Each gives up
//! ([`GiveUp`]) on anything it does not find plain, and the case is then read again by
//! the located loader, which reports the problem; so these functions decide nothing
//! about bad input.

use super::line_cursor::same_bytes;
use super::record::{order_broken, schema};
use crate::program::{Program, RecordId, SchemaField, SchemaShape};
use crate::value::{EnumId, Value};
use std::sync::Arc;

/// Why a fast reader gave up: the case is for the located loader.
pub(crate) struct GiveUp;

/// What a fast reader gives, or its giving up.
pub(crate) type Fast<T> = Result<T, GiveUp>;

/// A set of the fields of a record, a bit each.
pub(crate) type Given = u64;

/// Which fields of a record being read were given, and which of those were null.
#[derive(Default, Clone, Copy)]
pub(crate) struct Marks {
    pub given: Given,
    pub null: Given,
}

/// The record types (of the first 64) that have a date order: most records read have
/// none, and need not look through the program's orders.
pub(crate) fn ordered_records(program: &Program) -> u64 {
    program.orders.iter().fold(0, |set, (r, _)| set | record_bit(*r))
}

/// The bit of a record type among the first 64 (none for the others).
pub(crate) fn record_bit(record: RecordId) -> u64 {
    1u64.checked_shl(u32::from(record.0)).unwrap_or(0)
}

/// A record with these fields, all absent, to be filled in place (so it is allocated
/// once, at its size). A record of more fields than [`Given`] has bits is left to the
/// located loader.
pub(crate) fn open(fields: &[SchemaField]) -> Fast<Arc<[Value]>> {
    if fields.len() > Given::BITS as usize {
        return Err(GiveUp);
    }
    Ok((0..fields.len()).map(|_| Value::Absent).collect())
}

/// Puts a field's value in its slot, which holds the absent value [`open`] left there
/// (a field given twice is given up on before it is read again). An assignment would
/// call the value's drop for it, out of line, for every field of every case.
#[inline(always)]
pub(crate) fn fill(slot: &mut Value, value: Value) {
    match std::mem::replace(slot, value) {
        // Nothing to let go of: said so, for the compiler.
        absent @ Value::Absent => std::mem::forget(absent),
        earlier => drop(earlier),
    }
}

/// The fields of a record once its keys are read: what was left out or null takes
/// its default. (They are filled where they lie: the record's `Arc` is made unique
/// once, by the caller.)
#[inline(always)]
pub(crate) fn complete(
    program: &Program,
    ordered: u64,
    fields: &[SchemaField],
    slots: &mut [Value],
    marks: Marks,
) -> Fast<()> {
    // Only the fields left without a value are looked at (most records have none, and
    // cost no call).
    let all = Given::MAX.checked_shr(Given::BITS - fields.len() as u32).unwrap_or(0);
    let left = (all & !marks.given) | marks.null;
    if left == 0 {
        return Ok(());
    }
    fill_left(program, ordered, fields, slots, left)
}

/// [`complete`] for the fields in `left`.
#[inline(never)]
fn fill_left(
    program: &Program,
    ordered: u64,
    fields: &[SchemaField],
    slots: &mut [Value],
    mut left: Given,
) -> Fast<()> {
    while left != 0 {
        let i = left.trailing_zeros() as usize;
        left &= left - 1;
        let field = &fields[i];
        let value = match &field.shape {
            // A record left out (or null) is read as an empty one.
            SchemaShape::Record(r) => {
                let inner = schema(program, *r);
                let mut empty = open(inner)?;
                complete(
                    program,
                    ordered,
                    inner,
                    Arc::get_mut(&mut empty).ok_or(GiveUp)?,
                    Marks::default(),
                )?;
                in_order(program, ordered, *r, Value::Record(empty))?
            }
            SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_) => Value::List(Arc::new([])),
            SchemaShape::Scalar(_) if field.derive.is_some() => Value::Absent,
            SchemaShape::Scalar(_) => match &field.default {
                Some(default) => default.clone(),
                None if field.optional => Value::Absent,
                None => return Err(GiveUp),
            },
        };
        fill(&mut slots[i], value);
    }
    Ok(())
}

/// A complete record of type `record`, when its dates are in order.
#[inline(always)]
pub(crate) fn in_order(program: &Program, ordered: u64, record: RecordId, value: Value) -> Fast<Value> {
    // Most records have no order to keep, and cost no call.
    if record.0 < 64 && ordered & record_bit(record) == 0 {
        return Ok(value);
    }
    dates_in_order(program, record, value)
}

/// [`in_order`] for a record with orders of its type to keep.
#[inline(never)]
fn dates_in_order(program: &Program, record: RecordId, value: Value) -> Fast<Value> {
    let mut orders = program.orders.iter().filter(|(r, _)| *r == record);
    if orders.any(|(_, order)| order_broken(order, &value)) {
        return Err(GiveUp);
    }
    Ok(value)
}

/// The value of enum `e` named `text`.
pub(crate) fn variant(program: &Program, e: EnumId, text: &str) -> Fast<Value> {
    let enum_type = program.enums.get(e.0 as usize).ok_or(GiveUp)?;
    // Most enums have a handful of values: looking along them (lengths first) is
    // quicker than hashing the name; the first of two of one name wins, as in the index.
    let variants = enum_type.variants();
    let variant = if variants.len() <= 16 {
        let text = text.as_bytes();
        variants
            .iter()
            .position(|(name, _)| same_bytes(name.as_bytes(), text))
            .map(|i| i as u16)
    } else {
        enum_type.variant(text)
    };
    Ok(Value::Enum(e, variant.ok_or(GiveUp)?))
}
