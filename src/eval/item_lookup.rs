//! Filters whose condition looks the item itself up in a membership test's key set:
//! `filter(m in months where not any(f in follow_ups where …: month_of(f.date) == m))`.
//! Once the key set is built (by the first item, evaluated as usual), the condition of
//! every other item is a binary search; going through the condition's expressions for
//! each item, to reach it, cost ten times the search. Each item takes the steps
//! evaluating its condition takes (the item, `not`, the test, the looked-up item, the
//! lookup), so step counts, and where the steps run out, are unchanged.

use super::budget::quick_compare;
use super::{Evaluation, MAX_STEPS};
use crate::ast::UnOp;
use crate::program::{CExpr, CKind};
use crate::value::Value;
use std::cmp::Ordering;

/// A filter's condition that is a membership test of the filter's own item, possibly
/// negated.
pub(super) struct ItemLookup {
    /// The test's key set (see [`crate::program::Membership`]).
    key_set: usize,
    /// `not any(…)`.
    negated: bool,
    /// The steps evaluating one item's condition takes, the item's own step included.
    steps: u64,
}

impl ItemLookup {
    /// The lookup that `condition` is, for the item in `slot`; `None` when it is some
    /// other condition.
    pub(super) fn of(condition: &CExpr, slot: u16) -> Option<ItemLookup> {
        let (negated, test) = match &condition.kind {
            CKind::Unary(UnOp::Not, inner) => (true, &**inner),
            _ => (false, condition),
        };
        let CKind::Aggregate {
            membership: Some(m),
            body: Some(body),
            ..
        } = &test.kind
        else {
            return None;
        };
        let CKind::Binary(_, left, right) = &body.kind else {
            return None;
        };
        let probe = if m.key_is_left { right } else { left };
        if !matches!(probe.kind, CKind::Local(s) if s == slot) {
            return None;
        }
        Some(ItemLookup {
            key_set: m.index as usize,
            negated,
            // The item; `not`; the test; the item looked up; the lookup.
            steps: 4 + u64::from(negated),
        })
    }
}

impl Evaluation<'_> {
    /// Whether `item` passes the condition `lookup` is, its steps taken; `None` when
    /// the key set is not built yet or the steps would run out, for the condition to
    /// be evaluated as usual.
    pub(super) fn look_up_item(&mut self, lookup: &ItemLookup, item: &Value) -> Option<bool> {
        if self.stopped || lookup.steps > MAX_STEPS.saturating_sub(self.steps) {
            return None;
        }
        let keys = self.key_sets.get(lookup.key_set)?.as_deref()?;
        let found = match item {
            // Months, what such lists hold most, searched without a call per key.
            Value::Month(m) => keys
                .binary_search_by(|k| match k {
                    Value::Month(k) => k.cmp(m),
                    _ => quick_compare(k, item).unwrap_or(Ordering::Less),
                })
                .is_ok(),
            _ => keys
                .binary_search_by(|k| quick_compare(k, item).unwrap_or(Ordering::Less))
                .is_ok(),
        };
        self.steps += lookup.steps;
        Some(found != lookup.negated)
    }
}
