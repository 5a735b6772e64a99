//! Explanations that tell a condition by the values it is about rather than by what it
//! computes: an `all`/`any` by the item that decided it, and a comparison of something
//! computed from one field with nothing (`length(roles) > 0`) by that field's value.

use super::Evaluation;
use super::because::Because;
use super::explain::REASONS;
use crate::program::{CExpr, CKind};
use crate::value::Value;

/// The test an `all(x in L where F: B)` or `any(…)` applies to each item.
pub(super) struct ItemTest<'p> {
    /// `all` (else `any`).
    pub every: bool,
    /// The item variable's slot.
    pub slot: u16,
    /// `F`: the items the test is about.
    pub filter: Option<&'p CExpr>,
    /// `B`: what must hold of them (an `any` without it asks for an item that passes `F`).
    pub body: Option<&'p CExpr>,
}

impl<'p> Evaluation<'p> {
    /// Why `all`/`any` over `list` has the value `holds`: the first item that decided it
    /// with its reasons, or, when every item did, the list. `None` when the list is not
    /// a list (a budget that ran out).
    pub(super) fn item_reasons(
        &mut self,
        list: &'p CExpr,
        test: &ItemTest<'p>,
        holds: bool,
        depth: usize,
    ) -> Option<Because<'p>> {
        let label = list.label.as_ref()?;
        // An `all` that failed and an `any` that held are decided by one item: the first
        // whose condition is the whole's value.
        if test.every == holds {
            let shown = self.shown(list);
            return Some(Because::EveryItem {
                list: shown,
                every: test.every,
                holds,
            });
        }
        let Value::List(items) = self.eval(list) else {
            return None;
        };
        let slot = test.slot;
        let mut found = None;
        for index in 0..items.len() {
            self.bind_item(slot, &items, index);
            let passes = test.filter.is_none_or(|f| self.truth(f));
            if passes && test.body.is_none_or(|b| self.truth(b)) == holds {
                found = Some(index);
                break;
            }
        }
        let Some(index) = found else {
            self.locals.truncate(slot as usize);
            return None;
        };
        self.bind_item(slot, &items, index);
        let mut reasons = Vec::with_capacity(REASONS);
        if let Some(filter) = test.filter {
            self.reasons_known(filter, true, depth, &mut reasons);
        }
        if let Some(body) = test.body {
            self.reasons_known(body, holds, depth, &mut reasons);
        }
        self.locals.truncate(slot as usize);
        Some(Because::Item {
            list: label,
            number: index + 1,
            reasons,
            holds,
        })
    }
}

/// For `computed op nothing` (either way round), where `nothing` is an empty text or
/// zero and `computed` has no label and reads exactly one labelled field or definition
/// and nothing else that varies (no item variable, no evaluation date): that field or
/// definition. Such a comparison asks whether it has a value, and is told by it.
pub(super) fn told_by_value<'e>(left: &'e CExpr, right: &'e CExpr) -> Option<&'e CExpr> {
    let computed = if is_nothing(right) {
        left
    } else if is_nothing(left) {
        right
    } else {
        return None;
    };
    if computed.label.is_some() || matches!(computed.kind, CKind::Const(_)) {
        return None;
    }
    let mut found = None;
    only_read(computed, &mut found).then_some(found).flatten()
}

/// Whether `e` is an empty text or zero, written as a constant.
fn is_nothing(e: &CExpr) -> bool {
    let value = match &e.kind {
        CKind::Const(v) => v,
        CKind::WithUnit(inner, _) => match &inner.kind {
            CKind::Const(v) => v,
            _ => return false,
        },
        _ => return false,
    };
    match value {
        Value::Text(t) => t.is_empty(),
        Value::Int(n) | Value::Quantity(n, _) => *n == 0,
        _ => false,
    }
}

/// Walks `e`, setting `found` to the labelled expression it reads: `false` when it
/// reads two, or anything else that varies.
fn only_read<'e>(e: &'e CExpr, found: &mut Option<&'e CExpr>) -> bool {
    if e.label.as_ref().is_some_and(|l| !l.zh.is_empty()) {
        return found.replace(e).is_none();
    }
    match &e.kind {
        CKind::Const(_) => true,
        CKind::AsOf
        | CKind::Local(_)
        | CKind::Holds(..)
        | CKind::CaseField(_)
        | CKind::Def(_)
        | CKind::CallDefinition(..)
        | CKind::TableRow(..) => false,
        _ => e.children().into_iter().all(|c| only_read(c, found)),
    }
}
