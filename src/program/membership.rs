//! Membership tests found at check time. `any(f in follow_ups where f.date <= as_of:
//! month_of(f.date) == m)` inside `filter(m in obligation_months where not any(...))`
//! goes through every follow-up for every month: months × follow-ups. When the list,
//! the filter and the key (`month_of(f.date)`) depend on nothing but the item, the
//! set of keys is the same for every `m`, so the evaluator builds it once per case,
//! sorted, and looks each `m` up in it: months + follow-ups.

use super::{CExpr, CKind, Membership, Program, Type};
use crate::ast::{AggOp, BinOp};

/// Marks every membership test of the program with its own index slot.
pub fn index(program: &mut Program) {
    let mut next = 0u16;
    let mut mark = |e: &mut CExpr| walk(e, &mut next);
    for d in &mut program.definitions {
        mark(&mut d.expr);
    }
    for rule in &mut program.rules {
        if let Some(when) = &mut rule.when {
            mark(when);
        }
        for y in rule.yields.iter_mut().flatten() {
            mark(&mut y.expr);
        }
    }
    for output in &mut program.decision {
        mark(&mut output.expr);
    }
    for row in program.tables.iter_mut().flat_map(|t| t.rows.iter_mut()) {
        row.iter_mut().for_each(&mut mark);
    }
}

fn walk(e: &mut CExpr, next: &mut u16) {
    if let CKind::Aggregate {
        op: AggOp::Any,
        slot,
        list,
        filter,
        body: Some(body),
        until: None,
        membership,
    } = &mut e.kind
        && let CKind::Binary(BinOp::Eq, left, right) = &body.kind
        && independent(list, *slot)
        && filter.as_deref().is_none_or(|f| independent(f, *slot))
        && *next < u16::MAX
    {
        let key_is_left = match (refers_to(left, *slot), refers_to(right, *slot)) {
            (true, false) if independent(left, *slot) => Some(true),
            (false, true) if independent(right, *slot) => Some(false),
            _ => None,
        };
        let key = if key_is_left == Some(true) { left } else { right };
        if let Some(key_is_left) = key_is_left
            && sortable(&key.ty)
        {
            *membership = Some(Membership {
                index: *next,
                key_is_left,
            });
            *next += 1;
        }
    }
    for child in e.children_mut() {
        walk(child, next);
    }
}

/// Keys whose values are all of one kind with a total order, compared in one step.
fn sortable(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Bool | Type::Int | Type::Date | Type::Month | Type::Quantity(_) | Type::Enum(_)
    )
}

/// Whether `e` uses no local of an enclosing scope: only the item at `slot` and the
/// items of aggregations inside it (slots from `slot` up).
fn independent(e: &CExpr, slot: u16) -> bool {
    match &e.kind {
        CKind::Local(s) => *s >= slot,
        _ => e.children().into_iter().all(|c| independent(c, slot)),
    }
}

/// Whether `e` uses the item at `slot`.
fn refers_to(e: &CExpr, slot: u16) -> bool {
    match &e.kind {
        CKind::Local(s) => *s == slot,
        _ => e.children().into_iter().any(|c| refers_to(c, slot)),
    }
}
