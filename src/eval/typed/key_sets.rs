//! Membership tests (`any(x in list where filter: key == probe)`, marked by
//! [`crate::program::membership`]): the keys gathered once a case into a sorted key
//! set, each probe a search of it; and a filter that keeps the items of a list by
//! whether they are among such keys (the months without a follow-up) searching the
//! set with each item's word, without the closures of the filter and the test.

use super::aggregate::Parts;
use super::compile::{Binding, Compiler, CondFn, R, Unsupported};
use super::cx::{Cx, Local};
use super::word::{Scalar, Word};
use super::{Node, ScalarFn, ValueFn};
use crate::ast::{AggOp, UnOp};
use crate::program::{CExpr, CKind, Membership};
use crate::value::Value;
use std::cmp::Ordering;
use std::sync::Arc;

impl Compiler<'_> {
    /// The key set of a membership test (`e`, an `any` marked as one) and its probe,
    /// the side of `==` that is not the key.
    fn key_set<'e>(&mut self, e: &'e CExpr, m: Membership, parts: Parts) -> R<(KeySet, &'e CExpr)> {
        let (own, key, probe) = key_and_probe(e, m).ok_or(Unsupported)?;
        let earlier = self.bind(own, Binding::Slot(parts.slot));
        let key = self.node(key);
        self.unbind(own, earlier);
        let Node::Scalar(key, kind) = key? else {
            return Err(Unsupported);
        };
        let order = kind.comparer(kind).ok_or(Unsupported)?;
        let at = usize::from(m.index);
        self.key_sets = self.key_sets.max(at + 1);
        let keys = KeySet {
            at,
            slot: parts.slot,
            list: parts.list,
            filter: parts.filter,
            key,
            kind,
            order,
            per_item: parts.per_item,
        };
        Ok((keys, probe))
    }

    /// `any(x in list where filter: key == probe)` with the keys gathered once a case.
    pub(super) fn membership(&mut self, e: &CExpr, m: Membership, parts: Parts) -> R<ScalarFn> {
        let (keys, probe) = self.key_set(e, m, parts)?;
        let Node::Scalar(probe, probe_kind) = self.node(probe)? else {
            return Err(Unsupported);
        };
        let find = keys.kind.comparer(probe_kind).ok_or(Unsupported)?;
        let as_integers = keys.kind == probe_kind && keys.kind.in_natural_order();
        Ok(Box::new(move |cx| {
            let probe = probe(cx);
            keys.gather(cx)?;
            cx.charge(1);
            let found = match (probe, cx.key_set(keys.at)) {
                (Some(p), Some(keys)) if as_integers => keys.binary_search(&p).is_ok(),
                (Some(p), Some(keys)) => keys.binary_search_by(|k| find(*k, p)).is_ok(),
                _ => false,
            };
            Some(Word::from(found))
        }))
    }

    /// `filter(m in list where [not] any(x in keys where filter: key == m))`, the items
    /// of a list kept by whether they are (or are not) among the keys of a membership
    /// test whose probe is the item itself: the months without a follow-up. Each item
    /// is looked up in the key set as a word, without going through the filter's and
    /// the test's closures; the steps are counted as they would be there. `Ok(None)`
    /// when `e` is not of that shape, or its keys are not of the item's kind or do not
    /// order as integers (years): it goes the general way; `Err` when a part does not
    /// compile.
    pub(super) fn filter_by_keys(&mut self, e: &CExpr) -> R<Option<ValueFn>> {
        let CKind::Aggregate {
            op: AggOp::Filter,
            slot,
            list,
            filter: Some(filter),
            body: None,
            until: None,
            ..
        } = &e.kind
        else {
            return Ok(None);
        };
        let (test, keep_found) = match &filter.kind {
            CKind::Unary(UnOp::Not, test) => (&**test, false),
            _ => (&**filter, true),
        };
        let CKind::Aggregate {
            op: AggOp::Any,
            membership: Some(m),
            ..
        } = &test.kind
        else {
            return Ok(None);
        };
        let Some((_, key, probe)) = key_and_probe(test, *m) else {
            return Ok(None);
        };
        // Checked before anything is compiled: a shape that goes the general way is
        // compiled once, not twice towards the program's most nodes.
        let Some(kind) = Scalar::of(&probe.ty) else {
            return Ok(None);
        };
        if !matches!(probe.kind, CKind::Local(s) if s == *slot)
            || Scalar::of(&key.ty) != Some(kind)
            || !kind.in_natural_order()
        {
            return Ok(None);
        }
        let list = self.value(list)?;
        let (parts, _) = self.parts(test)?;
        let (keys, _) = self.key_set(test, *m, parts)?;
        if keys.kind != kind {
            return Err(Unsupported);
        }
        // As the general way counts a filter's item, and the membership test its
        // look-up.
        let per_item = self.item_steps(std::iter::once(&**filter)).saturating_add(1);
        #[cfg(test)]
        FILTERS_BY_KEYS.with(|n| n.set(n.get() + 1));
        Ok(Some(Box::new(move |cx| {
            let Value::List(items) = list(cx) else {
                return Value::List(Arc::new([]));
            };
            if items.is_empty() {
                return Value::List(items);
            }
            if keys.gather(cx).is_none() {
                return Value::Absent;
            }
            cx.charge(per_item.saturating_mul(items.len() as u64));
            if cx.bail {
                return Value::Absent;
            }
            match cx.kept_by_keys(keys.at, &items, kind, keep_found) {
                Some(kept) => Value::List(kept),
                None => cx.hand_back().unwrap_or(Value::Absent),
            }
        })))
    }
}

#[cfg(test)]
thread_local! {
    /// How many filters this thread compiled to [`Compiler::filter_by_keys`]'s look-up:
    /// a test knows the look-up is what it tried.
    pub(super) static FILTERS_BY_KEYS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A membership test's item slot, its key and its probe (the two sides of its `==`).
fn key_and_probe(e: &CExpr, m: Membership) -> Option<(u16, &CExpr, &CExpr)> {
    let CKind::Aggregate {
        slot, body: Some(body), ..
    } = &e.kind
    else {
        return None;
    };
    let CKind::Binary(_, left, right) = &body.kind else {
        return None;
    };
    Some(if m.key_is_left {
        (*slot, &**left, &**right)
    } else {
        (*slot, &**right, &**left)
    })
}

/// The keys of a membership test, gathered once a case into its key set: the items
/// of `list` that pass `filter`, each one's `key`.
struct KeySet {
    at: usize,
    slot: u16,
    list: ValueFn,
    filter: Option<CondFn>,
    key: ScalarFn,
    kind: Scalar,
    order: fn(Word, Word) -> Ordering,
    per_item: u64,
}

impl KeySet {
    /// Gathers this case's key set unless it is already; `None` when the case is
    /// handed back while gathering.
    fn gather(&self, cx: &mut Cx) -> Option<()> {
        if cx.key_set(self.at).is_some() {
            return Some(());
        }
        let mut keys = cx.spare_keys(self.at);
        if let Value::List(items) = (self.list)(cx) {
            cx.set_local(self.slot, Local::Item(items.clone(), 0));
            for index in 0..items.len() {
                cx.charge(self.per_item);
                if cx.bail {
                    return None;
                }
                cx.set_index(self.slot, index);
                if self.filter.as_ref().is_some_and(|f| !f(cx)) {
                    continue;
                }
                if let Some(k) = (self.key)(cx) {
                    keys.push(k);
                }
            }
        }
        if self.kind.in_natural_order() {
            keys.sort_unstable();
            keys.dedup();
        } else {
            let order = self.order;
            keys.sort_by(|a, b| order(*a, *b));
            keys.dedup_by(|a, b| order(*a, *b) == Ordering::Equal);
        }
        cx.keep_key_set(self.at, keys);
        Some(())
    }
}
